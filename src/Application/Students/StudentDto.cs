using MentorCloud.Domain.Students;

namespace MentorCloud.Application.Students;

public sealed record GuardianDto(string Name, string Relation, string? Phone);

/// <summary>A student; <c>attentionFlags</c> lists the priority-care flags (R5) one by one.</summary>
public sealed record StudentDto(
    Guid Id,
    string Name,
    string StudentNo,
    Guid ClassId,
    Gender Gender,
    DateOnly? BirthDate,
    IReadOnlyList<AttentionFlags> AttentionFlags,
    IReadOnlyList<GuardianDto> Guardians,
    bool IsActive);

public static class StudentMapping
{
    public static StudentDto ToDto(this Student s) => new(s.Id, s.Name, s.StudentNo, s.ClassId, s.Gender, s.BirthDate,
        s.AttentionFlags.Split(), s.Guardians.Select(g => new GuardianDto(g.Name, g.Relation, g.Phone)).ToList(), s.IsActive);

    public static IEnumerable<Guardian> ToGuardians(this IEnumerable<GuardianDto>? guardians) =>
        (guardians ?? []).Select(g => new Guardian(g.Name.Trim(), g.Relation.Trim(), string.IsNullOrWhiteSpace(g.Phone) ? null : g.Phone.Trim()));

    /// <summary>The single flags that are set, in declaration order.</summary>
    public static IReadOnlyList<AttentionFlags> Split(this AttentionFlags flags) =>
        Enum.GetValues<AttentionFlags>().Where(f => f != Domain.Students.AttentionFlags.None && flags.HasFlag(f)).ToList();

    public static AttentionFlags Combine(this IEnumerable<AttentionFlags>? flags) =>
        (flags ?? []).Aggregate(Domain.Students.AttentionFlags.None, (all, f) => all | f);

    /// <summary>One flag by its camelCase name (as in JSON), or null when the text names none.</summary>
    public static AttentionFlags? ParseFlag(string? name) =>
        name is not null && !name.Contains(',') && !int.TryParse(name, out _) && Enum.TryParse<AttentionFlags>(name, ignoreCase: true, out var flag) && flag.IsSingleFlag()
            ? flag
            : null;

    /// <summary>The single flags as the contract spells them: "academicDifficulty, behavioural, …".</summary>
    public static readonly string FlagNames = string.Join(", ",
        Enum.GetValues<AttentionFlags>().Where(IsSingleFlag).Select(f => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(f.ToString())));

    public static bool IsSingleFlag(this AttentionFlags flag) =>
        flag != Domain.Students.AttentionFlags.None && Enum.IsDefined(flag);
}
