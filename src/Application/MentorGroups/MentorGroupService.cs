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

/// <summary>Loading groups within the caller's reach, and keeping every mentor's semester load (R3) in step with a group's changes.</summary>
public sealed class MentorGroupService(IApplicationDbContext db, ICurrentUser user, AccessPolicy access, PolicyReader policies)
{
    public async Task<MentorGroup> LoadAsync(Guid groupId, CancellationToken cancellationToken) =>
        await db.MentorGroups.Include(g => g.Assignments).SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken)
        ?? throw new NotFoundException(nameof(MentorGroup), groupId);

    /// <summary>The class's head teacher or a school admin; everyone else is told the group does not exist.</summary>
    public async Task<MentorGroup> LoadForHeadTeacherAsync(Guid groupId, CancellationToken cancellationToken)
    {
        var group = await LoadAsync(groupId, cancellationToken);
        await access.DemandAdminOrHeadTeacherOfAsync(group.ClassId, nameof(MentorGroup), groupId, cancellationToken);
        return group;
    }

    /// <summary>Members: school admins, the head teacher, and the group's mentors.</summary>
    public async Task<bool> IsMemberAsync(MentorGroup group, CancellationToken cancellationToken) =>
        access.IsSchoolAdmin
        || (user.TeacherId is { } teacherId && group.HasMentor(teacherId))
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

    /// <summary>The semester loads of the given mentors (tracked ones first), created when missing.</summary>
    public async Task<Dictionary<Guid, MentorLoad>> LoadsAsync(Guid semesterId, IEnumerable<Guid> teacherIds, CancellationToken cancellationToken)
    {
        var ids = teacherIds.Distinct().ToList();
        var loads = db.MentorLoads.Local.Where(l => l.SemesterId == semesterId && ids.Contains(l.TeacherId)).ToDictionary(l => l.TeacherId);
        var unknown = ids.Where(id => !loads.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
            foreach (var stored in await db.MentorLoads.Where(l => l.SemesterId == semesterId && unknown.Contains(l.TeacherId)).ToListAsync(cancellationToken))
                loads[stored.TeacherId] = stored;
        foreach (var missing in ids.Where(id => !loads.ContainsKey(id)))
        {
            var load = new MentorLoad(semesterId, missing);
            db.MentorLoads.Add(load);
            loads[missing] = load;
        }
        return loads;
    }

    /// <summary>Moves each mentor's semester load by the change in this group's assignments; refuses to exceed the cap (R3).</summary>
    public async Task ApplyLoadChangesAsync(MentorGroup group, IReadOnlyDictionary<Guid, int> before, CancellationToken cancellationToken)
    {
        var after = group.LoadByMentor();
        var changed = before.Keys.Union(after.Keys)
            .Select(id => (id, delta: after.GetValueOrDefault(id) - before.GetValueOrDefault(id)))
            .Where(c => c.delta != 0).ToList();
        if (changed.Count == 0) return;

        var cap = (await policies.EffectiveSettingsAsync(cancellationToken)).MaxStudentsPerMentor;
        var loads = await LoadsAsync(group.SemesterId, changed.Select(c => c.id), cancellationToken);
        foreach (var (id, delta) in changed.OrderBy(c => c.delta))
            loads[id].Change(delta, cap);
    }

    public async Task<MentorGroupDto> ToDtoAsync(MentorGroup group, CancellationToken cancellationToken)
    {
        var headTeacherId = await db.Classes.Where(c => c.Id == group.ClassId).Select(c => c.HeadTeacherId).SingleAsync(cancellationToken);
        var cap = (await policies.EffectiveSettingsAsync(cancellationToken)).MaxStudentsPerMentor;
        var mentorIds = group.MentorIds.ToList();
        var teachers = await db.Teachers.AsNoTracking().Where(t => mentorIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var loads = await db.MentorLoads.AsNoTracking().Where(l => l.SemesterId == group.SemesterId && mentorIds.Contains(l.TeacherId))
            .ToDictionaryAsync(l => l.TeacherId, l => l.Mentees, cancellationToken);
        var students = await db.Students.AsNoTracking().Where(s => s.ClassId == group.ClassId && s.IsActive).ToListAsync(cancellationToken);

        var mentors = mentorIds.Select(id =>
        {
            var load = loads.GetValueOrDefault(id);
            return new GroupMentorDto(id, teachers.TryGetValue(id, out var t) ? t.Name : "", t?.IsActive ?? false, id == headTeacherId,
                load, Math.Max(0, cap - load), group.LoadOf(id), group.Welcomes.FirstOrDefault(w => w.TeacherId == id)?.StudentIds ?? []);
        }).ToList();

        // Priority-care students first for the head teacher (R5).
        var studentDtos = students
            .OrderByDescending(s => s.IsPriorityCare).ThenBy(s => s.StudentNo, StringComparer.Ordinal)
            .Select(s => new GroupStudentDto(s.Id, s.Name, s.StudentNo, s.AttentionFlags.Split(),
                group.Preferences.FirstOrDefault(p => p.StudentId == s.Id)?.RankedMentorIds ?? [],
                group.Assignments.Where(a => a.StudentId == s.Id).Select(a => new GroupAssignmentDto(a.MentorId, a.Source, a.ChoiceRank)).ToList()))
            .ToList();

        return new MentorGroupDto(group.Id, group.ClassId, group.SemesterId, headTeacherId, group.Phase, group.SelectionClosesOn, group.PublishedAt, mentors, studentDtos);
    }
}
