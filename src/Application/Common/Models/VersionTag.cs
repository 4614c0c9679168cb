using System.Globalization;
using MentorCloud.Application.Common.Exceptions;

namespace MentorCloud.Application.Common.Models;

/// <summary>
/// Strong entity tags made from a record's numeric version: <c>"7"</c>. Only that form is read back from <c>If-Match</c>: a weak
/// tag (<c>W/"7"</c>) never matches under the strong comparison a change needs, <c>*</c> would skip the check that protects
/// against lost updates, and a list of tags cannot name the one version the caller read.
/// </summary>
public static class VersionTag
{
    public static string Of(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>True when <paramref name="ifMatch"/> is one strong tag of a version, as <see cref="Of"/> writes it.</summary>
    public static bool TryRead(string? ifMatch, out long version)
    {
        version = 0;
        if (ifMatch?.Trim() is not { Length: >= 3 } tag) return false;
        return tag[0] == '"' && tag[^1] == '"'
            && long.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    /// <summary>
    /// Refuses a change that does not name the <paramref name="current"/> version. Without <c>If-Match</c>, or with <c>*</c>, the
    /// caller has not said what it read: 428. Anything else that is not the current version's tag: 412.
    /// </summary>
    public static void DemandCurrent(string? ifMatch, long current)
    {
        if (TryRead(ifMatch, out var version))
        {
            if (version != current) throw new PreconditionFailedException();
            return;
        }
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*") throw new PreconditionRequiredException();
        throw new PreconditionFailedException();
    }
}
