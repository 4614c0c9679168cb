namespace MentorCloud.Application.Common.Models;

/// <summary>
/// The entity tag of a versioned record: its version as a strong, quoted tag (<c>"7"</c>). A writer sends back the
/// tag they read in <c>If-Match</c>; weak tags and <c>*</c> never match, since a write must name what it read.
/// </summary>
public static class VersionTag
{
    public static string Of(int version) => $"\"{version}\"";

    /// <summary>Whether one of the comma-separated tags of an <c>If-Match</c> header is the tag of <paramref name="version"/>.</summary>
    public static bool Matches(string ifMatch, int version)
    {
        var tag = Of(version);
        return ifMatch.Split(',').Any(t => string.Equals(t.Trim(), tag, StringComparison.Ordinal));
    }
}
