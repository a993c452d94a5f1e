{{- define "bulwark.fullname" -}}{{ printf "%s-bulwark" .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "bulwark.labels" -}}
app.kubernetes.io/name: bulwark
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- define "bulwark.dbSecretName" -}}
{{- if .Values.externalDatabase.existingSecret -}}{{ .Values.externalDatabase.existingSecret }}{{- else -}}{{ include "bulwark.fullname" . }}-db{{- end -}}
{{- end -}}
{{- define "bulwark.adminSecretName" -}}
{{- if .Values.admin.existingSecret -}}{{ .Values.admin.existingSecret }}{{- else -}}{{ include "bulwark.fullname" . }}-admin{{- end -}}
{{- end -}}
