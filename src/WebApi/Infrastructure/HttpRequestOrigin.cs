using MentorCloud.Application.Common.Interfaces;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>The calling client's address (as rate limits see it) and user agent, for the audit log.</summary>
public sealed class HttpRequestOrigin(IHttpContextAccessor accessor) : IRequestOrigin
{
    public string? ClientAddress => accessor.HttpContext is { } http ? Infrastructure.ClientAddress.Of(http) : null;

    public string? UserAgent => accessor.HttpContext?.Request.Headers.UserAgent is { Count: > 0 } agent ? agent.ToString() : null;
}
