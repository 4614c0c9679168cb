using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Policies;
using MentorCloud.Application.Students;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups;

/// <summary>Loading groups within the caller's reach, and showing them.</summary>
public sealed class MentorGroupService(IApplicationDbContext db, ICurrentUser user, AccessPolicy access, PolicyReader policies)
{
    public Task<MentorGroup> LoadAsync(Guid groupId, CancellationToken cancellationToken) =>
        FindAsync(db.MentorGroups, groupId, cancellationToken);

    /// <summary>A group only to show, not to change: not tracked, so reading it takes no snapshot of its rows.</summary>
    public Task<MentorGroup> ReadAsync(Guid groupId, CancellationToken cancellationToken) =>
        FindAsync(db.MentorGroups.AsNoTracking(), groupId, cancellationToken);

    private static async Task<MentorGroup> FindAsync(IQueryable<MentorGroup> groups, Guid groupId, CancellationToken cancellationToken) =>
        await groups.Include(g => g.AllAssignments).SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken)
        ?? throw new NotFoundException(nameof(MentorGroup), groupId);

    /// <summary>The class's head teacher or a school admin; everyone else is told the group does not exist.</summary>
    public async Task<MentorGroup> LoadForHeadTeacherAsync(Guid groupId, CancellationToken cancellationToken)
    {
        var group = await LoadAsync(groupId, cancellationToken);
        await access.DemandAdminOrHeadTeacherOfAsync(group.ClassId, nameof(MentorGroup), groupId, cancellationToken);
        return group;
    }

    /// <summary>Members: school admins, the head teacher, and the group's mentors until its semester is over (R16).</summary>
    public async Task<bool> IsMemberAsync(MentorGroup group, CancellationToken cancellationToken) =>
        access.IsSchoolAdmin
        || (user.TeacherId is { } teacherId && group.HasMentor(teacherId) && await access.SemesterIdsNotOver().ContainsAsync(group.SemesterId, cancellationToken))
        || await access.IsHeadTeacherOfAsync(group.ClassId, cancellationToken);

    public Task<List<Student>> ActiveStudentsAsync(Guid classId, CancellationToken cancellationToken) =>
        db.Students.Where(s => s.ClassId == classId && s.IsActive).OrderBy(s => s.StudentNo).ToListAsync(cancellationToken);

    /// <summary>Every given teacher is an active teacher of this school (R2).</summary>
    public async Task EnsureActiveTeachersAsync(IReadOnlyCollection<Guid> teacherIds, string field, CancellationToken cancellationToken)
    {
        var found = await db.Teachers.Where(t => teacherIds.Contains(t.Id)).Select(t => new { t.Id, t.IsActive }).ToListAsync(cancellationToken);
        var unknown = teacherIds.Except(found.Select(t => t.Id)).ToList();
        if (unknown.Count > 0) throw ValidationException.For(field, $"Unknown teacher(s): {string.Join(", ", unknown)}");
        var inactive = found.Where(t => !t.IsActive).Select(t => t.Id).ToList();
        if (inactive.Count > 0) throw new RuleViolationException("R2", "Only active teachers of the school can mentor.", new { inactiveTeacherIds = inactive });
    }

    public async Task<MentorGroupDto> ToDtoAsync(MentorGroup group, CancellationToken cancellationToken)
    {
        var headTeacherId = await db.Classes.Where(c => c.Id == group.ClassId).Select(c => c.HeadTeacherId).SingleAsync(cancellationToken);
        var cap = (await policies.EffectiveSettingsAsync(cancellationToken)).MaxStudentsPerMentor;
        var mentorIds = group.MentorIds.ToList();
        // Only the columns the answer shows: no guardians' JSON, no entities to build.
        var teachers = await db.Teachers.Where(t => mentorIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name, t.IsActive }).ToDictionaryAsync(t => t.Id, cancellationToken);
        var loads = await db.MentorLoads.Where(l => l.SemesterId == group.SemesterId && mentorIds.Contains(l.TeacherId))
            .Select(l => new { l.TeacherId, l.Mentees }).ToDictionaryAsync(l => l.TeacherId, l => l.Mentees, cancellationToken);
        var students = await db.Students.Where(s => s.ClassId == group.ClassId && s.IsActive)
            .Select(s => new { s.Id, s.Name, s.StudentNo, s.AttentionFlags }).ToListAsync(cancellationToken);

        var mentors = mentorIds.Select(id =>
        {
            var load = loads.GetValueOrDefault(id);
            return new GroupMentorDto(id, teachers.TryGetValue(id, out var t) ? t.Name : "", t?.IsActive ?? false, id == headTeacherId,
                load, Math.Max(0, cap - load), group.LoadOf(id), group.Welcomes.FirstOrDefault(w => w.TeacherId == id)?.StudentIds ?? []);
        }).ToList();

        var pairs = group.Assignments.ToLookup(a => a.StudentId);
        // Priority-care students first for the head teacher (R5).
        var studentDtos = students
            .OrderByDescending(s => s.AttentionFlags != AttentionFlags.None).ThenBy(s => s.StudentNo, StringComparer.Ordinal)
            .Select(s => new GroupStudentDto(s.Id, s.Name, s.StudentNo, s.AttentionFlags.Split(),
                group.Preferences.FirstOrDefault(p => p.StudentId == s.Id)?.RankedMentorIds ?? [],
                pairs[s.Id].Select(a => new GroupAssignmentDto(a.MentorId, a.Source, a.ChoiceRank)).ToList()))
            .ToList();
        var uncovered = studentDtos.Where(s => s.Mentors.Count == 0).Select(s => s.StudentId).ToList();
        var ended = group.EndedAssignments.OrderBy(a => a.EndedAt)
            .Select(a => new EndedAssignmentDto(a.StudentId, a.MentorId, a.Source, a.AssignedAt, a.EndedAt!.Value, a.EndReason!.Value)).ToList();

        return new MentorGroupDto(group.Id, group.ClassId, group.SemesterId, headTeacherId, group.Phase, group.SelectionClosesOn, group.PublishedAt,
            mentors, studentDtos, uncovered, ended);
    }
}
