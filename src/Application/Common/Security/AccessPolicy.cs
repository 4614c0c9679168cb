using System.Linq.Expressions;
using MentorCloud.Application.Semesters;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Common.Security;

/// <summary>
/// Who reaches what inside a school. "Head teacher of class C" is a fact of the data (the class names its
/// head teacher), not a role. Out of reach answers 404.
/// </summary>
public sealed class AccessPolicy(ICurrentUser user, IApplicationDbContext db, TimeProvider clock)
{
    public bool IsSchoolAdmin => user.IsInRole(Roles.SchoolAdmin);

    public Task<List<Guid>> HeadedClassIdsAsync(CancellationToken cancellationToken) =>
        user.TeacherId is { } teacherId
            ? db.Classes.Where(c => c.HeadTeacherId == teacherId).Select(c => c.Id).ToListAsync(cancellationToken)
            : Task.FromResult(new List<Guid>());

    public async Task<bool> IsHeadTeacherOfAsync(Guid classId, CancellationToken cancellationToken) =>
        user.TeacherId is { } teacherId && await db.Classes.AnyAsync(c => c.Id == classId && c.HeadTeacherId == teacherId, cancellationToken);

    /// <summary>School admins and the class's head teacher pass; anyone else is told the resource does not exist.</summary>
    public async Task DemandAdminOrHeadTeacherOfAsync(Guid classId, string resource, object key, CancellationToken cancellationToken)
    {
        if (IsSchoolAdmin || await IsHeadTeacherOfAsync(classId, cancellationToken)) return;
        throw new NotFoundException(resource, key);
    }

    /// <summary>
    /// The pairs that give a mentor reach over a student (R16): current pairs of published groups of the semester in
    /// force (the one containing today, China Standard Time). Drafts, ended pairs and other semesters' pairs give none.
    /// </summary>
    public IQueryable<MentorAssignment> PairsInForce() => PairsInForceOn.Apply(Context, clock.Today());

    /// <summary>The rule of <see cref="PairsInForce"/> on a school day, for compiled queries (see <see cref="QueryRule"/>).</summary>
    public static readonly Expression<Func<DbContext, DateOnly, IQueryable<MentorAssignment>>> PairsInForceOn = QueryRule.Expand(
        (DbContext context, DateOnly day) =>
            from a in context.Set<MentorAssignment>()
            join g in context.Set<MentorGroup>() on a.GroupId equals g.Id
            join s in context.Set<Semester>().Where(s => SemesterQueries.IsInForceOn.Invoke(s, day)) on a.SemesterId equals s.Id
            where a.EndedAt == null && g.Phase == MentorGroupPhase.Published
            select a);

    /// <summary>The students a teacher mentors now (R16).</summary>
    public IQueryable<Guid> MenteeIdsOf(Guid teacherId) => PairsInForce().Where(a => a.MentorId == teacherId).Select(a => a.StudentId);

    /// <summary>
    /// Semesters not over yet. A group's mentors take part in it (see its students, welcome some) while its semester is
    /// in force or still to come, as selection may run before the semester starts; once it is over only the school and
    /// the class's head teacher see the group (R16).
    /// </summary>
    public IQueryable<Guid> SemesterIdsNotOver()
    {
        var today = clock.Today();
        return db.Semesters.NotOverOn(today).Select(s => s.Id);
    }

    /// <summary>
    /// The students the caller reaches: every student for school admins; for a teacher, the students of the classes
    /// they head and their mentees in force (R16); nobody for anyone else. Every teacher's list and read of
    /// students starts here.
    /// </summary>
    public IQueryable<Student> StudentsInReach()
    {
        if (IsSchoolAdmin) return db.Students;
        if (TeacherReach is not var (teacherId, day)) return db.Students.Where(_ => false);
        return StudentsOfTeacherOn.Apply(Context, teacherId, day);
    }

    /// <summary>
    /// A teacher's reach on a school day (R16): the students of the classes they head and their mentees in force. Written
    /// once for <see cref="StudentsInReach"/> and the compiled queries of the most frequent checks (see <see cref="QueryRule"/>).
    /// </summary>
    public static readonly Expression<Func<DbContext, Guid, DateOnly, IQueryable<Student>>> StudentsOfTeacherOn = QueryRule.Expand(
        (DbContext context, Guid teacherId, DateOnly day) => context.Set<Student>().Where(s =>
            context.Set<SchoolClass>().Where(c => c.HeadTeacherId == teacherId).Select(c => c.Id).Contains(s.ClassId)
            || PairsInForceOn.Invoke(context, day).Where(a => a.MentorId == teacherId).Select(a => a.StudentId).Contains(s.Id)));

    private DbContext Context => db.Students.Context();

    /// <summary>The student, when the caller reaches them (see <see cref="StudentsInReach"/>); read without tracking.</summary>
    public Task<Student?> FindStudentInReachAsync(Guid studentId, CancellationToken cancellationToken)
    {
        if (IsSchoolAdmin) return RunAnyStudentById(Context, studentId, cancellationToken);
        if (TeacherReach is not var (teacherId, day)) return Task.FromResult<Student?>(null);
        return StudentOfTeacherById.For(Context)(Context, teacherId, day, studentId, cancellationToken);
    }

    /// <summary>Whether the caller reaches the student (see <see cref="StudentsInReach"/>).</summary>
    public Task<bool> ReachesStudentAsync(Guid studentId, CancellationToken cancellationToken)
    {
        if (IsSchoolAdmin) return AnyStudentExists.For(Context)(Context, studentId, cancellationToken);
        if (TeacherReach is not var (teacherId, day)) return Task.FromResult(false);
        return TeacherReachesStudent.For(Context)(Context, teacherId, day, studentId, cancellationToken);
    }

    /// <summary>
    /// The arguments of <see cref="StudentsOfTeacherOn"/> for the caller, for compiled queries that expand the rule: a caller in
    /// the teacher role with a teacher id, on today's school day; null for anyone else.
    /// </summary>
    public ReachOfTeacher? TeacherReach => user.TeacherId is { } teacherId && user.IsInRole(Roles.Teacher) ? new(teacherId, clock.Today()) : null;

    private static Task<Student?> RunAnyStudentById(DbContext context, Guid studentId, CancellationToken cancellationToken) =>
        AnyStudentById.For(context)(context, studentId, cancellationToken);

    // A school admin opening a student is the most frequent read of a school's front end: compiled once, so a request skips
    // the query's translation-cache lookup. The school's filter still applies: it is read from the context passed in.
    private static readonly CompiledQuery<Func<DbContext, Guid, CancellationToken, Task<Student?>>> AnyStudentById = new(() =>
        EF.CompileAsyncQuery((DbContext context, Guid studentId, CancellationToken _) => context.Set<Student>().AsNoTracking().SingleOrDefault(s => s.Id == studentId)));

    // A school admin's archive and report reads start here. The school's filter still applies.
    private static readonly CompiledQuery<Func<DbContext, Guid, CancellationToken, Task<bool>>> AnyStudentExists = new(() =>
        EF.CompileAsyncQuery((DbContext context, Guid studentId, CancellationToken _) => context.Set<Student>().Any(s => s.Id == studentId)));

    // A teacher opening a student, their archive or reports: the reach rule compiled once (it is composed of several queries,
    // so building and looking it up per request costs more than most statements). The school's filter still applies.
    private static readonly CompiledQuery<Func<DbContext, Guid, DateOnly, Guid, CancellationToken, Task<Student?>>> StudentOfTeacherById = new(() =>
        EF.CompileAsyncQuery(QueryRule.Expand((DbContext context, Guid teacherId, DateOnly day, Guid studentId, CancellationToken _) =>
            StudentsOfTeacherOn.Invoke(context, teacherId, day).AsNoTracking().SingleOrDefault(s => s.Id == studentId))));

    private static readonly CompiledQuery<Func<DbContext, Guid, DateOnly, Guid, CancellationToken, Task<bool>>> TeacherReachesStudent = new(() =>
        EF.CompileAsyncQuery(QueryRule.Expand((DbContext context, Guid teacherId, DateOnly day, Guid studentId, CancellationToken _) =>
            StudentsOfTeacherOn.Invoke(context, teacherId, day).Any(s => s.Id == studentId))));
}

/// <summary>A teacher's reach on a school day: the arguments of <see cref="AccessPolicy.StudentsOfTeacherOn"/>.</summary>
public readonly record struct ReachOfTeacher(Guid TeacherId, DateOnly Day);
