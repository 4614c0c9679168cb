using System.Globalization;
using System.Text.Json;
using MentorCloud.Domain.Students;

namespace MentorCloud.Application.Roster;

/// <summary>Reads the text of roster cells the way Chinese school staff write it, as well as the API's own spellings.</summary>
public static class RosterValues
{
    private static readonly char[] ListSeparators = [',', '，', '、', ';', '；', '\n'];

    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    private static readonly Dictionary<string, AttentionFlags> FlagNames = BuildFlagNames();

    private static readonly string[] ChineseNumerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

    /// <summary>Text a spreadsheet program would take for a formula (CSV/formula injection): it starts with = + - @, a tab or a carriage return.</summary>
    public static bool StartsLikeFormula(string? value) => value is ['=' or '+' or '-' or '@' or '\t' or '\r', ..];

    /// <summary>Text written into a CSV or XLSX export: a value that starts like a formula gets a leading ' so it shows as text.</summary>
    public static string? SafeForSpreadsheet(string? value) => StartsLikeFormula(value) ? "'" + value : value;

    /// <summary>Items separated by , 、 ; (half- or full-width), trimmed, blanks dropped.</summary>
    public static IReadOnlyList<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>male/female, 男/女 (also m/f).</summary>
    public static bool TryParseGender(string? value, out Gender gender)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "male" or "m" or "男":
                gender = Gender.Male;
                return true;
            case "female" or "f" or "女":
                gender = Gender.Female;
                return true;
            default:
                gender = default;
                return false;
        }
    }

    /// <summary>Whether a student is still at the school: 在读/在校/active, or 离校/left (who then leaves their mentors, R15).</summary>
    public static bool TryParseLeft(string value, out bool left)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "active" or "在读" or "在校":
                left = false;
                return true;
            case "left" or "离校" or "inactive":
                left = true;
                return true;
            default:
                left = false;
                return false;
        }
    }

    /// <summary>yyyy-MM-dd, also 2013/9/1, 2013.9.1 and 2013年9月1日 as spreadsheets often show dates.</summary>
    public static bool TryParseDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>1–12 written as a number, "7年级" or "七年级".</summary>
    public static bool TryParseGrade(string value, out int grade)
    {
        var text = value.Trim();
        if (text.EndsWith("年级", StringComparison.Ordinal)) text = text[..^2];
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out grade)) return true;
        grade = Array.IndexOf(ChineseNumerals, text) + 1;
        return grade > 0;
    }

    /// <summary>The year a school year starts in: 2026, "2026-2027", "2026—2027学年" or "2026学年".</summary>
    public static bool TryParseSchoolYear(string value, out int year)
    {
        var text = value.Trim();
        year = 0;
        if (text.Length < 4 || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var start)) return false;
        var rest = text[4..].Replace("学年", "", StringComparison.Ordinal).Trim();
        if (rest.Length > 0)
        {
            var next = rest.TrimStart('-', '–', '—', '~', '/', ' ');
            if (next.Length == rest.Length || !int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var end) || end != start + 1) return false;
        }
        year = start;
        return true;
    }

    /// <summary>
    /// Priority-care flags (R5) by their API names (academicDifficulty…) or Chinese terms (学困、行为偏差…);
    /// <paramref name="unknown"/> is the first item that is neither.
    /// </summary>
    public static bool TryParseAttentionFlags(string? value, out AttentionFlags flags, out string? unknown)
    {
        flags = AttentionFlags.None;
        unknown = null;
        foreach (var item in SplitList(value))
        {
            if (!FlagNames.TryGetValue(item, out var flag))
            {
                unknown = item;
                return false;
            }
            flags |= flag;
        }
        return true;
    }

    /// <summary>The accepted spellings of every flag, for error messages.</summary>
    public static string AttentionFlagChoices => string.Join("、", Enum.GetValues<AttentionFlags>().Where(f => f != AttentionFlags.None).Select(ChineseTerm));

    private static Dictionary<string, AttentionFlags> BuildFlagNames()
    {
        var names = new Dictionary<string, AttentionFlags>(StringComparer.OrdinalIgnoreCase);
        foreach (var flag in Enum.GetValues<AttentionFlags>().Where(f => f != AttentionFlags.None))
        {
            names[JsonNamingPolicy.CamelCase.ConvertName(flag.ToString())] = flag;
            names[ChineseTerm(flag)] = flag;
        }
        names["学困生"] = AttentionFlags.AcademicDifficulty;
        return names;
    }

    private static string ChineseTerm(AttentionFlags flag) => flag switch
    {
        AttentionFlags.AcademicDifficulty => "学困",
        AttentionFlags.Behavioural => "行为偏差",
        AttentionFlags.SingleParent => "单亲",
        AttentionFlags.ReconstitutedFamily => "重组家庭",
        AttentionFlags.LeftBehind => "留守",
        AttentionFlags.Psychological => "心理关注",
        AttentionFlags.FinancialHardship => "经济困难",
        AttentionFlags.SpecialNeeds => "特殊需要",
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, null),
    };
}
