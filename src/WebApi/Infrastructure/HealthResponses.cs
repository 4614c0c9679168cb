using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MentorCloud.WebApi.Infrastructure;

public static class HealthResponses
{
    /// <summary>
    /// The overall status as plain text, followed by the description of each degraded check ("1 school database(s)
    /// unavailable"). Unhealthy checks' descriptions are left out: they carry driver messages naming hosts.
    /// </summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var degraded = report.Entries.Values.Where(e => e.Status == HealthStatus.Degraded && e.Description is not null).Select(e => e.Description!);
        return context.Response.WriteAsync(string.Join(Environment.NewLine, degraded.Prepend(report.Status.ToString())));
    }
}
