using System.Linq.Expressions;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Policies;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Archives;

/// <summary>Loads archives for the archive use cases, and reads their sections and history through <see cref="ArchiveContents"/>.</summary>
public sealed class ArchiveStore(IApplicationDbContext db, ArchiveContents contents, PolicyReader policy, ICurrentUser user, TimeProvider clock)
{
    public static readonly ArchiveSectionsDto NoSections = new(null, null, null, null, null, null, null, null, null);

    public ArchiveAuthor Author => new(user.UserId, user.Username);

    /// <summary>The student's archive, tracked, with its consents (and the one goal asked for); opened when the student has none yet.</summary>
    public async Task<StudentArchive> ForWriteAsync(Guid studentId, CancellationToken cancellationToken, Guid? goalId = null)
    {
        var archive = await db.StudentArchives
            .Include(a => a.Consents)
            .Include(a => a.Goals.Where(g => g.Id == goalId))
            .SingleOrDefaultAsync(a => a.StudentId == studentId, cancellationToken);
        if (archive is not null) return archive;
        if (!await db.Students.AnyAsync(s => s.Id == studentId, cancellationToken)) throw new NotFoundException(nameof(Student), studentId);
        archive = new StudentArchive(studentId, clock.GetUtcNow());
        db.StudentArchives.Add(archive);
        return archive;
    }

    public async Task<bool> ConsentRequiredAsync(CancellationToken cancellationToken) =>
        (await policy.EffectiveSettingsAsync(cancellationToken)).RequireGuardianConsent;

    /// <summary>
    /// Re-seals, under the active key, the current versions of the encrypted sections that an older key sealed: a
    /// rotated key ring re-encrypts what is in use as archives are written.
    /// </summary>
    public async Task ResealOlderAsync(StudentArchive archive, CancellationToken cancellationToken)
    {
        foreach (var entry in await CurrentAsync(archive.Id, cancellationToken))
        {
            if (!entry.Section.IsEncryptedAtRest() || contents.ResealIfOlder(archive.StudentId, entry.Section, entry.Content) is not { } resealed) continue;
            db.AttachStored(entry);
            archive.Reseal(entry, resealed);
        }
    }

    /// <summary>The archive as the caller may read it: every section, or for a former mentor the latest version of each that they wrote.</summary>
    public async Task<StudentArchiveDto> ReadAsync(Guid studentId, bool ownVersionsOnly, CancellationToken cancellationToken)
    {
        var context = db.StudentArchives.Context();
        Guid? author = ownVersionsOnly ? user.UserId ?? Guid.Empty : null;
        var archive = await Shown.For(context)(context, studentId, author, cancellationToken);
        if (archive is null) return new StudentArchiveDto(studentId, 0, null, NoSections);

        var entries = archive.Current;
        ArchiveSectionDto<T>? Section<T>(ArchiveSection section) =>
            entries.SingleOrDefault(e => e.Section == section) is { } e
                ? new ArchiveSectionDto<T>(e.Version, e.WrittenAt, e.AuthorId, e.AuthorName, contents.Open<T>(studentId, section, e.Content))
                : null;
        return new StudentArchiveDto(studentId, archive.Version, archive.ErasedAt, new ArchiveSectionsDto(
            Section<FamilySection>(ArchiveSection.Family),
            Section<HealthSection>(ArchiveSection.Health),
            Section<PersonalitySection>(ArchiveSection.Personality),
            Section<InterestsSection>(ArchiveSection.Interests),
            Section<MoralsSection>(ArchiveSection.Morals),
            Section<HabitsSection>(ArchiveSection.Habits),
            Section<PsychologySection>(ArchiveSection.Psychology),
            Section<AcademicsSection>(ArchiveSection.Academics),
            Section<DifficultiesSection>(ArchiveSection.Difficulties)));
    }

    /// <summary>Versions newest first, of one section or all; a former mentor's own only.</summary>
    public IQueryable<ArchiveEntry> Versions(Guid studentId, ArchiveSection? section, bool ownVersionsOnly)
    {
        var author = user.UserId ?? Guid.Empty;
        var versions = from e in db.ArchiveEntries.AsNoTracking()
                       join a in db.StudentArchives on e.ArchiveId equals a.Id
                       where a.StudentId == studentId
                       select e;
        if (section is { } s) versions = versions.Where(e => e.Section == s);
        if (ownVersionsOnly) versions = versions.Where(e => e.AuthorId == author);
        return versions.OrderByDescending(e => e.Version);
    }

    public ArchiveVersionDto ToDto(Guid studentId, ArchiveEntry e) =>
        new(e.Version, e.Section, e.WrittenAt, e.AuthorId, e.AuthorName, contents.OpenElement(studentId, e.Section, e.Content));

    /// <summary>The consent in force and the history, newest first, of an archive loaded with its consents.</summary>
    public static GuardianConsentStatusDto ConsentStatus(StudentArchive archive)
    {
        var history = archive.Consents.OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).Select(GuardianConsentDto.From).ToList();
        return new GuardianConsentStatusDto(archive.ConsentInForce is not null,
            archive.ConsentInForce is { } current ? GuardianConsentDto.From(current) : null, history);
    }

    /// <summary>The latest version of each section, untracked.</summary>
    private Task<List<ArchiveEntry>> CurrentAsync(Guid archiveId, CancellationToken cancellationToken)
    {
        var context = db.ArchiveEntries.Context();
        return CurrentOfAll.For(context)(context, archiveId).ToListAsync(cancellationToken).AsTask();
    }

    // Reading an archive is frequent and audited; its reads are compiled once, so a request skips building and
    // translating their expression trees (over a quarter of what an archive read allocated), and the archive's head comes
    // with the current version of each section in one statement. The school's filter still applies: it is read from the
    // context passed in.
    private sealed record ArchiveShown(int Version, DateTimeOffset? ErasedAt, List<ArchiveEntry> Current);

    // A version is current when no later version of its section exists; with an author given, of that author's versions.
    // EF Core writes the statement once for each nullness of the author, so neither form carries the other's condition.
    private static readonly Expression<Func<DbContext, ArchiveEntry, Guid?, bool>> IsCurrent = (context, e, authorId) =>
        e.Version == context.Set<ArchiveEntry>()
            .Where(x => x.ArchiveId == e.ArchiveId && x.Section == e.Section && (authorId == null || x.AuthorId == authorId))
            .Max(x => x.Version);

    // The archive's head with the current version of each section: all of them, or with an author given, that author's.
    private static readonly CompiledQuery<Func<DbContext, Guid, Guid?, CancellationToken, Task<ArchiveShown?>>> Shown = new(() =>
        EF.CompileAsyncQuery(QueryRule.Expand((DbContext context, Guid studentId, Guid? authorId, CancellationToken _) => context.Set<StudentArchive>().AsNoTracking()
            .Where(a => a.StudentId == studentId)
            .Select(a => new ArchiveShown(a.Version, a.ErasedAt, context.Set<ArchiveEntry>()
                .Where(e => e.ArchiveId == a.Id && (authorId == null || e.AuthorId == authorId) && IsCurrent.Invoke(context, e, authorId))
                .ToList()))
            .SingleOrDefault())));

    private static readonly CompiledQuery<Func<DbContext, Guid, IAsyncEnumerable<ArchiveEntry>>> CurrentOfAll = new(() =>
        EF.CompileAsyncQuery(QueryRule.Expand((DbContext context, Guid archiveId) => context.Set<ArchiveEntry>().AsNoTracking()
            .Where(e => e.ArchiveId == archiveId && IsCurrent.Invoke(context, e, null)))));
}
