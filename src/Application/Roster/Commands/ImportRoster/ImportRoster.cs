using FluentValidation;
using Mediator;
using MentorCloud.Application.Classes.Commands.CreateClass;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Students;
using MentorCloud.Application.Students.Commands.CreateStudent;
using MentorCloud.Application.Teachers.Commands.CreateTeacher;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Roster.Commands.ImportRoster;

/// <summary>
/// Imports a roster (花名册): teachers upserted by employee number, classes by name and school year, students by
/// student number. Every row is checked like a single create; when any row fails, or on a dry run, nothing is written.
/// </summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record ImportRosterCommand(RosterUpload? File, string? Kind = null, bool DryRun = false) : ICommand<RosterImportResult>, ISchoolRequest;

public sealed class ImportRosterHandler(
    IApplicationDbContext db,
    IRosterFileReader reader,
    IIdentityService identity,
    ITenantContext tenant,
    IDomainEventQueue events,
    TimeProvider clock,
    IValidator<CreateTeacherCommand> teacherRules,
    IValidator<CreateClassCommand> classRules,
    IValidator<CreateStudentCommand> studentRules) : ICommandHandler<ImportRosterCommand, RosterImportResult>
{
    public async ValueTask<RosterImportResult> Handle(ImportRosterCommand command, CancellationToken cancellationToken)
    {
        var file = command.File!;
        var import = new RosterImport(teacherRules, classRules, studentRules, SchoolClass.SchoolYearOf(clock.Today()));
        foreach (var sheet in reader.ReadSheets(file, RosterLayout.KindToImport(file.FileName, command.Kind), cancellationToken))
            import.Read(sheet);

        // A dry run never writes, so it need not track what it loads.
        var readOnly = command.DryRun;
        var teachers = await LoadTeachersAsync(import.EmployeeNumbers, readOnly, cancellationToken);
        var classes = await LoadClassesAsync(import.SchoolYears, readOnly, cancellationToken);
        var students = await LoadStudentsAsync(import.StudentNumbers, readOnly, cancellationToken);
        var usernames = import.UsernamesFor(teachers);
        var taken = usernames.Count == 0 ? new HashSet<string>() : await identity.TakenUsernamesAsync(usernames, cancellationToken);
        await import.PlanAsync(teachers, classes, students, taken, cancellationToken);

        var (teacherCounts, classCounts, studentCounts) = (import.Count(import.Teachers), import.Count(import.Classes), import.Count(import.Students));
        var result = new RosterImportResult(command.DryRun,
            teacherCounts.Created + classCounts.Created + studentCounts.Created,
            teacherCounts.Updated + classCounts.Updated + studentCounts.Updated,
            teacherCounts, classCounts, studentCounts, import.ErrorCount, import.Errors);
        if (result.Imported) Apply(import, file.FileName, result);
        return result;
    }

    private async Task<Dictionary<string, Teacher>> LoadTeachersAsync(IReadOnlyCollection<string> employeeNos, bool readOnly, CancellationToken cancellationToken)
    {
        if (employeeNos.Count == 0) return new(StringComparer.Ordinal);
        var numbers = employeeNos.ToList();
        // One parameter holding every number, however many: one query per sheet, and no provider parameter limit.
        return await (readOnly ? db.Teachers.AsNoTracking() : db.Teachers)
            .Where(t => EF.Parameter(numbers).Contains(t.EmployeeNo))
            .ToDictionaryAsync(t => t.EmployeeNo, StringComparer.Ordinal, cancellationToken);
    }

    private async Task<List<SchoolClass>> LoadClassesAsync(IReadOnlyCollection<int> schoolYears, bool readOnly, CancellationToken cancellationToken)
    {
        if (schoolYears.Count == 0) return [];
        var years = schoolYears.ToList();
        return await (readOnly ? db.Classes.AsNoTracking() : db.Classes).Where(c => years.Contains(c.SchoolYear)).ToListAsync(cancellationToken);
    }

    private async Task<Dictionary<string, Student>> LoadStudentsAsync(IReadOnlyCollection<string> studentNos, bool readOnly, CancellationToken cancellationToken)
    {
        if (studentNos.Count == 0) return new(StringComparer.Ordinal);
        var numbers = studentNos.ToList();
        return await (readOnly ? db.Students.AsNoTracking() : db.Students)
            .Where(s => EF.Parameter(numbers).Contains(s.StudentNo))
            .ToDictionaryAsync(s => s.StudentNo, StringComparer.Ordinal, cancellationToken);
    }

    private void Apply(RosterImport import, string fileName, RosterImportResult result)
    {
        var school = tenant.Current ?? throw new TenantRequiredException();
        foreach (var plan in import.Teachers)
        {
            if (!plan.IsNew)
            {
                plan.Teacher.Update(plan.Name, plan.Subjects ?? plan.Teacher.Subjects);
                continue;
            }
            db.Teachers.Add(plan.Teacher);
            if (plan.Account is { } account)
                identity.CreateUser(new NewUser(account.Username, account.Password, plan.Teacher.Name, [Roles.Teacher],
                    DistrictCode: school.DistrictCode, SchoolCode: school.Identifier, TeacherId: plan.Teacher.Id));
        }

        foreach (var plan in import.Classes)
        {
            if (plan.IsNew) db.Classes.Add(plan.Class);
            else plan.Class.Update(plan.Name, plan.Grade, plan.HeadTeacherId);
        }

        foreach (var plan in import.Students)
        {
            if (plan.IsNew) db.Students.Add(plan.Student);
            else Update(plan);
        }

        events.Raise(new RosterImported(Path.GetFileName(fileName), result.Teachers, result.Classes, result.Students));
    }

    /// <summary>
    /// Columns the sheet lacks leave the stored values alone; a guardian in the row replaces the stored guardian of
    /// that name or is added first, so guardians entered elsewhere survive a re-import.
    /// </summary>
    private static void Update(StudentPlan plan)
    {
        var (student, row) = (plan.Student, plan.Values);
        var birthDate = row.HasBirthDate ? row.BirthDate : student.BirthDate;
        var guardians = student.Guardians.ToList();
        if (row.Guardian is not null)
        {
            var guardian = new[] { row.Guardian }.ToGuardians().Single();
            var same = guardians.FindIndex(g => g.Name == guardian.Name);
            if (same >= 0) guardians[same] = guardian;
            else guardians.Insert(0, guardian);
        }
        // Skipping unchanged students keeps a re-import from rewriting every row.
        if (student.Name != row.Name || student.Gender != row.Gender || student.BirthDate != birthDate || !student.Guardians.SequenceEqual(guardians))
            student.Update(row.Name, row.Gender, birthDate, guardians);

        student.TransferTo(plan.ClassId);
        if (row.HasFlags) student.SetAttentionFlags(row.Flags);
        if (row.Left) student.Deactivate();
    }
}
