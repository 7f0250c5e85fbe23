import { useTranslate } from 'react-admin';

/** The application's name in the UI language, for react-admin's default page titles. */
export function AppTitle() {
  const translate = useTranslate();
  return <>{translate('motcua.app.title')}</>;
}
