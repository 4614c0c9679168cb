using System.Text.Json;
using MentorCloud.Domain.Archives;

namespace MentorCloud.Application.Archives;

/// <summary>A student's archive: the current version of each section the caller may read (null when none).</summary>
/// <param name="Version">The archive's version; its ETag. A write names it in <c>If-Match</c>.</param>
public sealed record StudentArchiveDto(Guid StudentId, int Version, DateTimeOffset? ErasedAt, ArchiveSectionsDto Sections);

public sealed record ArchiveSectionsDto(
    ArchiveSectionDto<FamilySection>? Family,
    ArchiveSectionDto<HealthSection>? Health,
    ArchiveSectionDto<PersonalitySection>? Personality,
    ArchiveSectionDto<InterestsSection>? Interests,
    ArchiveSectionDto<MoralsSection>? Morals,
    ArchiveSectionDto<HabitsSection>? Habits,
    ArchiveSectionDto<PsychologySection>? Psychology,
    ArchiveSectionDto<AcademicsSection>? Academics,
    ArchiveSectionDto<DifficultiesSection>? Difficulties);

/// <summary>One section as last written: by whom, when, at which archive version.</summary>
public sealed record ArchiveSectionDto<T>(int Version, DateTimeOffset WrittenAt, Guid? AuthorId, string? AuthorName, T Content);

/// <summary>One version of one section, as history and the export list them.</summary>
public sealed record ArchiveVersionDto(int Version, ArchiveSection Section, DateTimeOffset WrittenAt, Guid? AuthorId, string? AuthorName, JsonElement Content);

public sealed record GoalDto(Guid Id, GoalKind Kind, string Title, DateOnly? TargetDate, GoalStatus Status, Guid? SetById, string? SetByName,
    DateTimeOffset SetAt, DateTimeOffset UpdatedAt, IReadOnlyList<GoalProgressNote> ProgressNotes)
{
    public static GoalDto From(ArchiveGoal g) =>
        new(g.Id, g.Kind, g.Title, g.TargetDate, g.Status, g.SetById, g.SetByName, g.SetAt, g.UpdatedAt, g.ProgressNotes);
}

public sealed record GuardianConsentDto(Guid Id, string GuardianName, string Relation, DateOnly GrantedOn, ConsentMethod Method,
    IReadOnlyList<ConsentScope> Scopes, Guid? RecordedBy, DateTimeOffset RecordedAt, DateTimeOffset? WithdrawnAt, Guid? WithdrawnBy)
{
    public static GuardianConsentDto From(GuardianConsent c) =>
        new(c.Id, c.GuardianName, c.Relation, c.GrantedOn, c.Method, ScopesOf(c.Scopes), c.RecordedBy, c.RecordedAt, c.WithdrawnAt, c.WithdrawnBy);

    public static IReadOnlyList<ConsentScope> ScopesOf(ConsentScope scopes) =>
        Enum.GetValues<ConsentScope>().Where(s => s != ConsentScope.None && scopes.HasFlag(s)).ToList();
}

/// <summary>The consent in force, if any, and every consent and withdrawal on record, newest first.</summary>
public sealed record GuardianConsentStatusDto(bool InForce, GuardianConsentDto? Current, IReadOnlyList<GuardianConsentDto> History);

/// <summary>Everything kept about a student's archive, for a guardian's request (PIPL Art. 45).</summary>
public sealed record ArchiveExportDto(Guid StudentId, string StudentName, string StudentNo, DateTimeOffset ExportedAt, int Version, DateTimeOffset? ErasedAt,
    IReadOnlyList<ArchiveVersionDto> Versions, IReadOnlyList<GoalDto> Goals, IReadOnlyList<GuardianConsentDto> Consents);
