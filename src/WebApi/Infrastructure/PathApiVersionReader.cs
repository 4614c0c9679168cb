using Asp.Versioning;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>
/// A request's API version: the <c>api-version</c> header when it is sent, else the major version its path names
/// (<c>/api/v1/…</c> asks for 1, <c>/api/v2/…</c> for 2). Left unspecified, API versioning would pick the default
/// version for every request by building and merging the version models of all candidate endpoints.
/// </summary>
public sealed class PathApiVersionReader : IApiVersionReader
{
    public const string HeaderName = "api-version";
    public const string PathPrefix = "/api/v1";

    private const string VersionedPaths = "/api/v";

    // The versions a path can name without allocating: v1 to v9.
    private static readonly IReadOnlyList<string>[] SingleDigits = [.. Enumerable.Range(1, 9).Select(n => (IReadOnlyList<string>)[n.ToString()])];

    private readonly HeaderApiVersionReader _header = new(HeaderName);

    public IReadOnlyList<string> Read(HttpRequest request)
    {
        var sent = _header.Read(request);
        return sent.Count == 0 && FromPath(request.Path) is { } named ? named : sent;
    }

    public void AddParameters(IApiVersionParameterDescriptionContext context) => _header.AddParameters(context);

    /// <summary>The major version of a path under <c>/api/v{n}/</c>; null for any other path.</summary>
    private static IReadOnlyList<string>? FromPath(PathString path)
    {
        var value = path.Value.AsSpan();
        if (!value.StartsWith(VersionedPaths, StringComparison.OrdinalIgnoreCase)) return null;
        var segment = value[VersionedPaths.Length..];
        if (segment.IndexOf('/') is var end and >= 0) segment = segment[..end];
        if (segment.IsEmpty || segment[0] == '0' || segment.ContainsAnyExceptInRange('0', '9')) return null;
        return segment.Length == 1 ? SingleDigits[segment[0] - '1'] : [segment.ToString()];
    }
}
