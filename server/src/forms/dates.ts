/** The forms print dates as the applicant reads them everywhere: the one format lives in @motcua/domain. */
export {
  dateInWords,
  dateTimeShort,
  localDateInWords,
  localDateShort,
  placeAndDate,
  timeAndDateInWords,
} from '@motcua/domain';
