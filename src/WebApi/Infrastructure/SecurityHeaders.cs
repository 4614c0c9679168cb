namespace MentorCloud.WebApi.Infrastructure;

/// <summary>Headers that keep browsers from sniffing, framing or leaking API responses.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Goes first in the pipeline. The headers are added when the response starts, so answers written after the
    /// exception handler has cleared the response (problem details for 400, 404, 500…) carry them too.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // The interactive reference needs its own scripts and styles; everything else is data only.
            if (!http.Request.Path.StartsWithSegments("/scalar"))
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
