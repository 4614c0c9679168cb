using Asp.Versioning;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>
/// A request's API version: the <c>api-version</c> header when it is sent, else the version its path names
/// (<c>/api/v1/…</c> asks for 1). Left unspecified, API versioning would pick the default version for every request
/// by building and merging the version models of all candidate endpoints.
/// </summary>
public sealed class PathApiVersionReader : IApiVersionReader
{
    public const string HeaderName = "api-version";
    public const string PathPrefix = "/api/v1";

    private static readonly IReadOnlyList<string> PathVersion = ["1"];
    private readonly HeaderApiVersionReader _header = new(HeaderName);

    public IReadOnlyList<string> Read(HttpRequest request)
    {
        var sent = _header.Read(request);
        return sent.Count == 0 && request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase) ? PathVersion : sent;
    }

    public void AddParameters(IApiVersionParameterDescriptionContext context) => _header.AddParameters(context);
}
