{{- define "mentorcloud.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "mentorcloud.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "mentorcloud.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "mentorcloud.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "mentorcloud.secretName" -}}
{{- .Values.existingSecret | default (printf "%s-secrets" (include "mentorcloud.fullname" .)) -}}
{{- end -}}

{{/* Settings every role shares; secrets come from the Secret as environment variables named like the keys. */}}
{{- define "mentorcloud.env" -}}
- name: ASPNETCORE_ENVIRONMENT
  value: Production
- name: Database__Provider
  value: {{ .Values.database.provider | quote }}
- name: Database__MigrateOnStartup
  value: "false"
{{- with .Values.encryption.activeKeyId }}
- name: Encryption__ActiveKeyId
  value: {{ . | quote }}
{{- end }}
{{- range $key, $value := .Values.env }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{- define "mentorcloud.envFrom" -}}
- secretRef:
    name: {{ include "mentorcloud.secretName" . }}
{{- end -}}

{{/* The root file system is read-only: /tmp is the only path the runtime writes. */}}
{{- define "mentorcloud.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- end -}}

{{- define "mentorcloud.probes" -}}
startupProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: 2
  failureThreshold: 60
livenessProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet: { path: /health/ready, port: http }
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 2
{{- end -}}
