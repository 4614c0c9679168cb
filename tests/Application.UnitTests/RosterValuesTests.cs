using MentorCloud.Application.Roster;
using MentorCloud.Domain.Students;

namespace MentorCloud.Application.UnitTests;

public sealed class RosterValuesTests
{
    [Theory]
    [InlineData("男", Gender.Male)]
    [InlineData("male", Gender.Male)]
    [InlineData("Male", Gender.Male)]
    [InlineData("女", Gender.Female)]
    [InlineData("female", Gender.Female)]
    public void Genders_are_read_in_Chinese_or_English(string text, Gender expected)
    {
        RosterValues.TryParseGender(text, out var gender).ShouldBeTrue();
        gender.ShouldBe(expected);
    }

    [Theory]
    [InlineData("未知")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_genders_are_refused(string? text) => RosterValues.TryParseGender(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("2013-09-01")]
    [InlineData("2013-9-1")]
    [InlineData("2013/9/1")]
    [InlineData("2013.09.01")]
    [InlineData("2013年9月1日")]
    public void Dates_are_read_as_spreadsheets_show_them(string text)
    {
        RosterValues.TryParseDate(text, out var date).ShouldBeTrue();
        date.ShouldBe(new DateOnly(2013, 9, 1));
    }

    [Theory]
    [InlineData("2013-13-01")]
    [InlineData("01/09/2013")]
    [InlineData("明天")]
    public void Impossible_or_ambiguous_dates_are_refused(string text) => RosterValues.TryParseDate(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("7", 7)]
    [InlineData("7年级", 7)]
    [InlineData("七年级", 7)]
    [InlineData("十二", 12)]
    public void Grades_are_numbers_or_Chinese_numerals(string text, int expected)
    {
        RosterValues.TryParseGrade(text, out var grade).ShouldBeTrue();
        grade.ShouldBe(expected);
    }

    [Theory]
    [InlineData("2026", 2026)]
    [InlineData("2026-2027", 2026)]
    [InlineData("2026–2027学年", 2026)]
    [InlineData("2026学年", 2026)]
    public void A_school_year_is_its_first_year(string text, int expected)
    {
        RosterValues.TryParseSchoolYear(text, out var year).ShouldBeTrue();
        year.ShouldBe(expected);
    }

    [Theory]
    [InlineData("2026-2028")]
    [InlineData("26")]
    [InlineData("二〇二六")]
    public void Other_school_years_are_refused(string text) => RosterValues.TryParseSchoolYear(text, out _).ShouldBeFalse();

    [Fact]
    public void Attention_flags_are_read_by_Chinese_term_or_API_name_with_any_separator()
    {
        RosterValues.TryParseAttentionFlags("学困、留守,psychological；specialNeeds", out var flags, out _).ShouldBeTrue();
        flags.ShouldBe(AttentionFlags.AcademicDifficulty | AttentionFlags.LeftBehind | AttentionFlags.Psychological | AttentionFlags.SpecialNeeds);

        RosterValues.TryParseAttentionFlags("", out var none, out _).ShouldBeTrue();
        none.ShouldBe(AttentionFlags.None);
    }

    [Fact]
    public void An_unknown_attention_flag_is_named()
    {
        RosterValues.TryParseAttentionFlags("单亲、外星人", out _, out var unknown).ShouldBeFalse();
        unknown.ShouldBe("外星人");
    }

    [Fact]
    public void Lists_split_on_half_and_full_width_separators() =>
        RosterValues.SplitList(" 语文、数学，英语, ;历史 ").ShouldBe(["语文", "数学", "英语", "历史"]);

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.com\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    public void Text_that_starts_like_a_formula_is_recognised_and_exported_as_text(string value)
    {
        RosterValues.StartsLikeFormula(value).ShouldBeTrue();
        RosterValues.SafeForSpreadsheet(value).ShouldBe("'" + value);
    }

    [Theory]
    [InlineData("张小明")]
    [InlineData("O'Neil")]
    [InlineData("a=b")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_text_is_exported_as_it_is(string? value)
    {
        RosterValues.StartsLikeFormula(value).ShouldBeFalse();
        RosterValues.SafeForSpreadsheet(value).ShouldBe(value);
    }
}
