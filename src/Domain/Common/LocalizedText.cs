using System.Globalization;

namespace MentorCloud.Domain.Common;

/// <summary>
/// A text the caller reads, in Simplified Chinese (the default) and English. The current UI culture (a request's
/// <c>Accept-Language</c>) picks one when the text is shown, so a refusal raised deep in the domain answers in the
/// caller's language.
/// </summary>
public readonly record struct LocalizedText(string Chinese, string English)
{
    /// <summary>The text in the current UI culture: English for <c>en</c>, Simplified Chinese otherwise.</summary>
    public override string ToString() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? English : Chinese;

    public static implicit operator string(LocalizedText text) => text.ToString();
}
