using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Policies;
using MentorCloud.Application.Students;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups;

/// <summary>Loading groups within the caller's reach, and showing them.</summary>
public sealed class MentorGroupService(IApplicationDbContext db, ICurrentUser user, AccessPolicy access, PolicyReader policies)
{
    public Task<MentorGroup> LoadAsync(Guid groupId, CancellationToken cancellationToken) =>
        FindAsync(db.MentorGroups, groupId, cancellationToken);

    /// <summary>A group only to show, not to change: not tracked, so reading it takes no snapshot of its rows.</summary>
    public async Task<MentorGroup> ReadAsync(Guid groupId, CancellationToken cancellationToken)
    {
        var context = db.MentorGroups.Context();
        return await GroupToShow.For(context)(context, groupId, cancellationToken) ?? throw new NotFoundException(nameof(MentorGroup), groupId);
    }

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

    /// <summary>The head teacher of the class (a class always has one).</summary>
    public Task<Guid> HeadTeacherOfAsync(Guid classId, CancellationToken cancellationToken)
    {
        var context = db.Classes.Context();
        return HeadTeacherOf.For(context)(context, classId, cancellationToken);
    }

    public Task<List<Student>> ActiveStudentsAsync(Guid classId, CancellationToken cancellationToken) =>
        db.Students.Where(s => s.ClassId == classId && s.IsActive).OrderBy(s => s.StudentNo).ToListAsync(cancellationToken);

    /// <summary>Every given teacher is an active teacher of this school (R2).</summary>
    public async Task EnsureActiveTeachersAsync(IReadOnlyCollection<Guid> teacherIds, string field, CancellationToken cancellationToken)
    {
        var found = await db.Teachers.Where(t => teacherIds.Contains(t.Id)).Select(t => new { t.Id, t.IsActive }).ToListAsync(cancellationToken);
        var unknown = teacherIds.Except(found.Select(t => t.Id)).ToList();
        if (unknown.Count > 0) throw ValidationException.For(field, new($"本校没有这些教师：{string.Join("、", unknown)}。", $"Unknown teacher(s): {string.Join(", ", unknown)}"));
        var inactive = found.Where(t => !t.IsActive).Select(t => t.Id).ToList();
        if (inactive.Count > 0) throw new RuleViolationException("R2", new("只有本校在职教师可以担任导师。", "Only active teachers of the school can mentor."), new { inactiveTeacherIds = inactive });
    }

    public async Task<MentorGroupDto> ToDtoAsync(MentorGroup group, CancellationToken cancellationToken)
    {
        var context = db.Classes.Context();
        var headTeacherId = await HeadTeacherOfAsync(group.ClassId, cancellationToken);
        var cap = (await policies.EffectiveSettingsAsync(cancellationToken)).MaxStudentsPerMentor;
        var mentorIds = group.MentorIds.ToList();
        var teachers = await MentorsWithLoads.For(context)(context, group.SemesterId, mentorIds).ToDictionaryAsync(t => t.Id, cancellationToken: cancellationToken);
        var students = await StudentsOfClass.For(context)(context, group.ClassId).ToListAsync(cancellationToken);

        var mentors = mentorIds.Select(id =>
        {
            var t = teachers.GetValueOrDefault(id);
            var load = t?.Mentees ?? 0;
            return new GroupMentorDto(id, t?.Name ?? "", t?.IsActive ?? false, id == headTeacherId,
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

    // Showing a group is the page head teachers and mentors keep open through two-way selection: its reads are compiled
    // once, and take only the columns the answer shows (no guardians' JSON, no entities but the group's own).
    private static readonly CompiledQuery<Func<DbContext, Guid, CancellationToken, Task<MentorGroup?>>> GroupToShow = new(() =>
        EF.CompileAsyncQuery((DbContext context, Guid id, CancellationToken _) =>
            context.Set<MentorGroup>().AsNoTracking().Include(g => g.AllAssignments).SingleOrDefault(g => g.Id == id)));

    private static readonly CompiledQuery<Func<DbContext, Guid, CancellationToken, Task<Guid>>> HeadTeacherOf = new(() =>
        EF.CompileAsyncQuery((DbContext context, Guid classId, CancellationToken _) =>
            context.Set<SchoolClass>().Where(c => c.Id == classId).Select(c => c.HeadTeacherId).Single()));

    // The group's mentors, each with how many students they mentor in the semester.
    private static readonly CompiledQuery<Func<DbContext, Guid, List<Guid>, IAsyncEnumerable<MentorRow>>> MentorsWithLoads = new(() =>
        EF.CompileAsyncQuery((DbContext context, Guid semesterId, List<Guid> ids) =>
            context.Set<Teacher>().Where(t => ids.Contains(t.Id)).Select(t => new MentorRow(t.Id, t.Name, t.IsActive,
                context.Set<MentorLoad>().Where(l => l.SemesterId == semesterId && l.TeacherId == t.Id).Select(l => l.Mentees).FirstOrDefault()))));

    private static readonly CompiledQuery<Func<DbContext, Guid, IAsyncEnumerable<StudentRow>>> StudentsOfClass = new(() =>
        EF.CompileAsyncQuery((DbContext context, Guid classId) =>
            context.Set<Student>().Where(s => s.ClassId == classId && s.IsActive).Select(s => new StudentRow(s.Id, s.Name, s.StudentNo, s.AttentionFlags))));

    private sealed record MentorRow(Guid Id, string Name, bool IsActive, int Mentees);

    private sealed record StudentRow(Guid Id, string Name, string StudentNo, AttentionFlags AttentionFlags);
}
