#!/usr/bin/env bash
# REST smoke test against a RUNNING engine (does not start or stop anything):
#   ENGINE_URL=http://127.0.0.1:18080 engine/smoke.sh
# Checks: health open, 401 without / with wrong credentials, deploy a BPMN that has
# no historyTimeToLive, start an instance with Object(JSON) / Json / Date variables,
# external task fetchAndLock + complete, user task complete, history.
# Prints "N passed, N failed"; exit code 1 on any failure.
set -uo pipefail

URL="${ENGINE_URL:-http://127.0.0.1:${ENGINE_PORT:-8080}}"
B="$URL/engine-rest"
AUTH="${ENGINE_ADMIN_USER:?set ENGINE_ADMIN_USER (npm start keeps it in data/engine.env)}:${ENGINE_ADMIN_PASSWORD:?set ENGINE_ADMIN_PASSWORD}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
PASS=0; FAIL=0
ok()  { PASS=$((PASS+1)); echo "ok   - $1"; }
bad() { FAIL=$((FAIL+1)); echo "FAIL - $1" >&2; }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1 (got '$2', want '$3')"; fi; }
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

check "GET /actuator/health without auth" "$(curl -s "$URL/actuator/health")" '{"status":"UP"}'
check "GET /engine-rest/process-definition without auth -> 401" "$(code "$B/process-definition")" 401
check "GET /engine-rest/version with a wrong password -> 401" "$(code -u "${AUTH%%:*}:wrong-password" "$B/version")" 401
check "GET /engine-rest/version with auth -> 200 (no lock-out after a wrong password)" "$(code -u "$AUTH" "$B/version")" 200
check "GET /engine-rest/engine with auth -> 200" "$(code -u "$AUTH" "$B/engine")" 200

KEY="smoke_$(date +%s)_$$"
cat > "$TMP/smoke.bpmn" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  id="Defs_smoke" targetNamespace="http://motcua.vn/bpmn">
  <bpmn:process id="$KEY" name="Smoke" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="verify"/>
    <bpmn:serviceTask id="verify" camunda:type="external" camunda:topic="$KEY-verify"/>
    <bpmn:sequenceFlow id="f2" sourceRef="verify" targetRef="approve"/>
    <bpmn:userTask id="approve" camunda:candidateGroups="officers"/>
    <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>
EOF
curl -s -u "$AUTH" -F "deployment-name=$KEY" -F "smoke.bpmn=@$TMP/smoke.bpmn" "$B/deployment/create" > "$TMP/deploy.json"
check "deploy BPMN without historyTimeToLive gets the default TTL (180)" \
  "$(json 'list(d["deployedProcessDefinitions"].values())[0]["historyTimeToLive"]' < "$TMP/deploy.json" 2>/dev/null)" 180

cat > "$TMP/start.json" <<'EOF'
{"businessKey":"HS-SMOKE",
 "variables":{
  "applicant":{"type":"Object","value":"{\"hoTen\":\"Nguyễn Văn A\",\"giayTo\":[\"don.pdf\"]}",
               "valueInfo":{"objectTypeName":"java.util.LinkedHashMap","serializationDataFormat":"application/json"}},
  "meta":{"type":"Json","value":"{\"kenh\":\"online\"}"},
  "receivedAt":{"type":"Date","value":"2026-01-15T08:30:00.000+0700"}}}
EOF
PI="$(curl -s -u "$AUTH" -H 'Content-Type: application/json' -d @"$TMP/start.json" \
  "$B/process-definition/key/$KEY/start" | json 'd["id"]' 2>/dev/null)"
if [ -n "$PI" ]; then ok "start instance with Object/Json/Date variables"; else bad "start instance"; fi

curl -s -u "$AUTH" "$B/process-instance/$PI/variables?deserializeValues=false" > "$TMP/vars.json"
check "Object variable stored as application/json" \
  "$(json 'd["applicant"]["valueInfo"]["serializationDataFormat"]' < "$TMP/vars.json" 2>/dev/null)" application/json
check "Object variable round-trips (UTF-8)" \
  "$(json 'json.loads(d["applicant"]["value"])["hoTen"]' < "$TMP/vars.json" 2>/dev/null)" "Nguyễn Văn A"
check "Json variable round-trips" "$(json 'json.loads(d["meta"]["value"])["kenh"]' < "$TMP/vars.json" 2>/dev/null)" online
check "Date variable stored" "$(json 'd["receivedAt"]["type"]' < "$TMP/vars.json" 2>/dev/null)" Date

ET="$(curl -s -u "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"workerId\":\"smoke\",\"maxTasks\":1,\"topics\":[{\"topicName\":\"$KEY-verify\",\"lockDuration\":60000}]}" \
  "$B/external-task/fetchAndLock" | json 'd[0]["id"]' 2>/dev/null)"
check "external task complete" "$(code -u "$AUTH" -H 'Content-Type: application/json' \
  -d '{"workerId":"smoke","variables":{"verified":{"type":"Boolean","value":true}}}' "$B/external-task/$ET/complete")" 204
TASK="$(curl -s -u "$AUTH" "$B/task?processInstanceId=$PI" | json 'd[0]["id"]' 2>/dev/null)"
check "user task complete" "$(code -u "$AUTH" -H 'Content-Type: application/json' -d '{}' "$B/task/$TASK/complete")" 204
check "history: 4 activity instances" \
  "$(curl -s -u "$AUTH" "$B/history/activity-instance/count?processInstanceId=$PI" | json 'd["count"]' 2>/dev/null)" 4
check "history: instance COMPLETED" \
  "$(curl -s -u "$AUTH" "$B/history/process-instance/$PI" | json 'd["state"]' 2>/dev/null)" COMPLETED

DEP="$(json 'd["id"]' < "$TMP/deploy.json" 2>/dev/null)"
[ -n "$DEP" ] && curl -s -o /dev/null -u "$AUTH" -X DELETE "$B/deployment/$DEP?cascade=true"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
