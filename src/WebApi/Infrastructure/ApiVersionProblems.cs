using Asp.Versioning;
using MentorCloud.Application.Common.Localization;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>
/// API versioning's own 400s keep their <c>type</c> and <c>code</c> (<c>UnsupportedApiVersion</c>, <c>InvalidApiVersion</c>,
/// <c>AmbiguousApiVersion</c>); their <c>detail</c> is given in the caller's language like every other answer's.
/// </summary>
internal static class ApiVersionProblems
{
    public static string? DetailFor(object? code, HttpContext http) => code switch
    {
        "UnsupportedApiVersion" => Messages.UnsupportedApiVersion(Requested(http)),
        "InvalidApiVersion" => Messages.InvalidApiVersion(Requested(http)),
        "AmbiguousApiVersion" => Messages.AmbiguousApiVersion,
        _ => null,
    };

    private static string? Requested(HttpContext http) => http.Features.Get<IApiVersioningFeature>()?.RawRequestedApiVersion;
}
