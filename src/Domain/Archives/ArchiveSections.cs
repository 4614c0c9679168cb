namespace MentorCloud.Domain.Archives;

/// <summary>The sections of a guidance archive (导育档案, R7).</summary>
public enum ArchiveSection
{
    Family,
    Health,
    Personality,
    Interests,
    Morals,
    Habits,
    Psychology,
    Academics,
    Difficulties,
}

/// <summary>A student's family as the archive records it; single-parent and reconstituted families are highlighted (R7).</summary>
public enum FamilyStructure
{
    TwoParent,
    SingleParent,
    Reconstituted,
    LeftBehind,
    Other,
}

public static class ArchiveSectionFacts
{
    /// <summary>Family, health and psychology are encrypted before they reach the database (R8).</summary>
    public static bool IsEncryptedAtRest(this ArchiveSection section) =>
        section is ArchiveSection.Family or ArchiveSection.Health or ArchiveSection.Psychology;

    /// <summary>The consent scope a write of the section needs when the school requires consent.</summary>
    public static ConsentScope RequiredScope(this ArchiveSection section) =>
        section.IsEncryptedAtRest() ? ConsentScope.SensitiveSections : ConsentScope.Archive;
}

// The contents of each section: typed fields plus free notes. They are stored as one JSON document per version.

/// <summary>家庭情况: structure, guardians, situation analysis.</summary>
public sealed record FamilySection(FamilyStructure? Structure, IReadOnlyList<FamilyMember>? Guardians, string? Analysis, string? Notes);

public sealed record FamilyMember(string Name, string Relation, string? Occupation, string? Phone, bool LivesWithStudent);

/// <summary>身体状况.</summary>
public sealed record HealthSection(string? Conditions, string? Allergies, string? Medication, string? Notes);

/// <summary>个性特点.</summary>
public sealed record PersonalitySection(IReadOnlyList<string>? Traits, string? Strengths, string? Challenges, string? Notes);

/// <summary>兴趣特长.</summary>
public sealed record InterestsSection(IReadOnlyList<string>? Hobbies, string? Talents, string? Notes);

/// <summary>思想品质.</summary>
public sealed record MoralsSection(string? Assessment, string? Notes);

/// <summary>行为习惯.</summary>
public sealed record HabitsSection(string? Strengths, string? Concerns, string? Notes);

/// <summary>心理状况.</summary>
public sealed record PsychologySection(string? State, string? Concerns, string? Support, string? Notes);

/// <summary>学业情况: per subject per term, a score or a level with a comment.</summary>
public sealed record AcademicsSection(IReadOnlyList<AcademicResult>? Results, string? Notes);

public sealed record AcademicResult(string Subject, string Term, decimal? Score, string? Level, string? Comment);

/// <summary>困难与问题: thought, study, life.</summary>
public sealed record DifficultiesSection(string? Thought, string? Study, string? Life, string? Notes);
