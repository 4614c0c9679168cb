using System.Text.RegularExpressions;

namespace MentorCloud.Domain.Common;

/// <summary>The short public identifier of a district or a school, as used in routes: lowercase letters, digits and '-', 2–40 characters.</summary>
public static partial class Code
{
    public const int MinLength = 2;
    public const int MaxLength = 40;

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    public static string Ensure(string value, string field) =>
        IsValid(value) ? value : throw new DomainValidationException(field, new($"“{value}”不是有效的代码。", $"'{value}' is not a valid code."));

    [GeneratedRegex("^[a-z0-9-]{2,40}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
