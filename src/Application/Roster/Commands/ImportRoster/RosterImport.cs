using FluentValidation;
using MentorCloud.Application.Classes.Commands.CreateClass;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Students;
using MentorCloud.Application.Students.Commands.CreateStudent;
using MentorCloud.Application.Teachers.Commands.CreateTeacher;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;

namespace MentorCloud.Application.Roster.Commands.ImportRoster;

/// <summary>
/// One import: reads the rows of each sheet, then checks every row with the single-record validators and the
/// school's uniqueness rules against what is stored and what the file itself holds, and plans the changes.
/// Nothing here touches stored entities; <see cref="ImportRosterHandler"/> applies the plan only when no row failed.
/// </summary>
internal sealed class RosterImport(
    IValidator<CreateTeacherCommand> teacherRules,
    IValidator<CreateClassCommand> classRules,
    IValidator<CreateStudentCommand> studentRules,
    int currentSchoolYear)
{
    // Stands in for a reference the row resolves elsewhere (head teacher, class), so the validators judge only the row's own cells.
    private static readonly Guid Resolved = new("00000000-0000-7000-8000-000000000001");

    private static readonly Dictionary<string, string> TeacherFields = new(StringComparer.Ordinal)
    {
        ["account"] = "username", ["account.username"] = "username", ["account.password"] = "password",
    };

    private static readonly Dictionary<string, string> ClassFields = new(StringComparer.Ordinal) { ["headTeacherId"] = "headTeacherEmployeeNo" };

    private static readonly Dictionary<string, string> StudentFields = new(StringComparer.Ordinal)
    {
        ["classId"] = "class", ["guardians"] = "guardianName", ["guardians.name"] = "guardianName",
        ["guardians.relation"] = "guardianRelation", ["guardians.phone"] = "guardianPhone",
    };

    private readonly List<RosterRowError> _errors = [];
    private readonly HashSet<(RosterSheetKind Kind, int Row)> _failed = [];
    private readonly List<TeacherDraft> _teacherDrafts = [];
    private readonly List<ClassDraft> _classDrafts = [];
    private readonly List<StudentDraft> _studentDrafts = [];

    public List<TeacherPlan> Teachers { get; } = [];
    public List<ClassPlan> Classes { get; } = [];
    public List<StudentPlan> Students { get; } = [];

    public int ErrorCount => _errors.Count;

    /// <summary>The errors in sheet and row order, as many as a response carries.</summary>
    public IReadOnlyList<RosterRowError> Errors =>
        [.. _errors.Index().OrderBy(e => SheetOrder(e.Item.Sheet)).ThenBy(e => e.Item.Row).ThenBy(e => e.Index).Select(e => e.Item).Take(RosterImportResult.MaxReportedErrors)];

    public RosterCounts Count<TPlan>(List<TPlan> plans) where TPlan : IRowPlan =>
        new(plans.Count(p => p.IsNew && !_failed.Contains(p.Row)), plans.Count(p => !p.IsNew && !_failed.Contains(p.Row)));

    public IReadOnlyCollection<string> EmployeeNumbers =>
        _teacherDrafts.Select(t => t.EmployeeNo).Concat(_classDrafts.Select(c => c.HeadTeacherNo)).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyCollection<int> SchoolYears => _classDrafts.Select(c => c.SchoolYear).Concat(_studentDrafts.Select(s => s.SchoolYear)).ToHashSet();

    public IReadOnlyCollection<string> StudentNumbers => _studentDrafts.Select(s => s.StudentNo).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);

    /// <summary>Logins asked for new teachers only: existing teachers keep the account they have.</summary>
    public IReadOnlyCollection<string> UsernamesFor(IReadOnlyDictionary<string, Teacher> stored) =>
        _teacherDrafts.Where(t => t.Account is { Username.Length: > 0 } && !stored.ContainsKey(t.EmployeeNo)).Select(t => t.Account!.Username).ToHashSet(StringComparer.Ordinal);

    public void Read(RosterSheet sheet)
    {
        if (sheet.HeaderRow == 0) return;
        var layout = RosterLayout.For(sheet.Kind);
        var missing = layout.Columns.Where(c => c.Required && !sheet.Columns.Contains(c.Key)).ToList();
        foreach (var column in missing)
            Fail(sheet.Kind, sheet.Name, sheet.HeaderRow, column.Key, RosterMessages.ColumnMissing(column.TemplateHeader));
        if (missing.Count > 0) return;

        foreach (var row in sheet.Rows)
        {
            Draft draft = sheet.Kind switch
            {
                RosterSheetKind.Teachers => Added(_teacherDrafts, ReadTeacher(sheet, row)),
                RosterSheetKind.Classes => Added(_classDrafts, ReadClass(sheet, row)),
                _ => Added(_studentDrafts, ReadStudent(sheet, row)),
            };
            // Names end up in lists and exports that spreadsheet programs open; one that starts like a formula would run there.
            foreach (var column in NameColumns)
            {
                if (RosterValues.StartsLikeFormula(row[column])) FailCell(sheet.Kind, draft, column, RosterMessages.FormulaNotAllowed);
            }
        }
    }

    private static readonly string[] NameColumns = ["name", "guardianName", "guardianRelation"];

    private static T Added<T>(List<T> drafts, T draft)
    {
        drafts.Add(draft);
        return draft;
    }

    private static TeacherDraft ReadTeacher(RosterSheet sheet, RosterRow row) => new(sheet.Name, row.Number)
    {
        Name = row["name"] ?? "",
        EmployeeNo = row["employeeNo"] ?? "",
        Subjects = sheet.Columns.Contains("subjects") ? RosterValues.SplitList(row["subjects"]) : null,
        Account = row["username"] is null && row["password"] is null ? null : new NewAccount(row["username"] ?? "", row["password"] ?? ""),
    };

    private ClassDraft ReadClass(RosterSheet sheet, RosterRow row)
    {
        var draft = new ClassDraft(sheet.Name, row.Number) { Name = row["name"] ?? "", HeadTeacherNo = row["headTeacherEmployeeNo"] ?? "" };
        if (draft.HeadTeacherNo.Length == 0) FailCell(RosterSheetKind.Classes, draft, "headTeacherEmployeeNo", RosterMessages.Required);
        if (row["grade"] is not { } grade) FailCell(RosterSheetKind.Classes, draft, "grade", RosterMessages.Required);
        else if (RosterValues.TryParseGrade(grade, out var parsed)) draft.Grade = parsed;
        else FailCell(RosterSheetKind.Classes, draft, "grade", RosterMessages.GradeInvalid);
        draft.SchoolYear = ReadSchoolYear(RosterSheetKind.Classes, draft, row);
        return draft;
    }

    private StudentDraft ReadStudent(RosterSheet sheet, RosterRow row)
    {
        var draft = new StudentDraft(sheet.Name, row.Number)
        {
            Name = row["name"] ?? "",
            StudentNo = row["studentNo"] ?? "",
            ClassName = row["class"] ?? "",
            HasBirthDate = sheet.Columns.Contains("birthDate"),
            HasFlags = sheet.Columns.Contains("attentionFlags"),
        };
        if (draft.ClassName.Length == 0) FailCell(RosterSheetKind.Students, draft, "class", RosterMessages.Required);
        if (row["gender"] is not { } gender) FailCell(RosterSheetKind.Students, draft, "gender", RosterMessages.Required);
        else if (RosterValues.TryParseGender(gender, out var parsedGender)) draft.Gender = parsedGender;
        else FailCell(RosterSheetKind.Students, draft, "gender", RosterMessages.GenderInvalid);
        if (row["birthDate"] is { } birthDate)
        {
            if (RosterValues.TryParseDate(birthDate, out var parsedDate)) draft.BirthDate = parsedDate;
            else FailCell(RosterSheetKind.Students, draft, "birthDate", RosterMessages.DateInvalid);
        }
        if (RosterValues.TryParseAttentionFlags(row["attentionFlags"], out var flags, out var unknown)) draft.Flags = flags;
        else FailCell(RosterSheetKind.Students, draft, "attentionFlags", RosterMessages.AttentionFlagUnknown(unknown!));
        if (row["status"] is { } status)
        {
            if (RosterValues.TryParseLeft(status, out var left)) draft.Left = left;
            else FailCell(RosterSheetKind.Students, draft, "status", RosterMessages.StatusInvalid);
        }
        if (row["guardianName"] is not null || row["guardianRelation"] is not null || row["guardianPhone"] is not null)
            draft.Guardian = new GuardianDto(row["guardianName"] ?? "", row["guardianRelation"] ?? "", row["guardianPhone"]);
        draft.SchoolYear = ReadSchoolYear(RosterSheetKind.Students, draft, row);
        return draft;
    }

    private int ReadSchoolYear(RosterSheetKind kind, Draft draft, RosterRow row)
    {
        if (row["schoolYear"] is not { } text) return currentSchoolYear;
        if (RosterValues.TryParseSchoolYear(text, out var year)) return year;
        FailCell(kind, draft, "schoolYear", RosterMessages.SchoolYearInvalid);
        return currentSchoolYear;
    }

    /// <summary>
    /// Checks every row against the stored rows (found by number, by name and school year) and the file's other
    /// rows, and plans creations and updates. <paramref name="storedClasses"/> holds every class of the years the file names.
    /// </summary>
    public async Task PlanAsync(IReadOnlyDictionary<string, Teacher> storedTeachers, IReadOnlyCollection<SchoolClass> storedClasses,
        IReadOnlyDictionary<string, Student> storedStudents, IReadOnlySet<string> takenUsernames, CancellationToken cancellationToken)
    {
        var teachers = storedTeachers.ToDictionary(t => t.Key, t => new TeacherRef(t.Value.Id, t.Value.IsActive), StringComparer.Ordinal);
        await PlanTeachersAsync(storedTeachers, teachers, takenUsernames, cancellationToken);
        var classes = storedClasses.ToDictionary(c => (c.SchoolYear, c.Name), c => c.Id);
        await PlanClassesAsync(storedClasses, teachers, classes, cancellationToken);
        await PlanStudentsAsync(storedStudents, classes, cancellationToken);
    }

    private async Task PlanTeachersAsync(IReadOnlyDictionary<string, Teacher> stored, Dictionary<string, TeacherRef> index,
        IReadOnlySet<string> takenUsernames, CancellationToken cancellationToken)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var usernames = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var draft in _teacherDrafts)
        {
            var existing = stored.GetValueOrDefault(draft.EmployeeNo);
            var account = existing is null ? draft.Account : null;
            await ValidateAsync(teacherRules, new CreateTeacherCommand(draft.Name, draft.EmployeeNo, draft.Subjects, account),
                RosterSheetKind.Teachers, draft, TeacherFields, cancellationToken);
            FailIfRepeated(numbers, draft.EmployeeNo, RosterSheetKind.Teachers, draft, "employeeNo");
            if (account is { Username.Length: > 0 })
            {
                if (takenUsernames.Contains(account.Username))
                    FailCell(RosterSheetKind.Teachers, draft, "username", Messages.DuplicateUsername(account.Username));
                else FailIfRepeated(usernames, account.Username.Trim(), RosterSheetKind.Teachers, draft, "username");
            }
            if (HasFailed(RosterSheetKind.Teachers, draft)) continue;

            if (existing is not null)
            {
                Teachers.Add(new TeacherPlan(draft.Row, existing, draft.Name, draft.Subjects, null));
                continue;
            }
            var teacher = new Teacher(draft.Name, draft.EmployeeNo, draft.Subjects ?? []);
            Teachers.Add(new TeacherPlan(draft.Row, teacher, draft.Name, draft.Subjects, account) { IsNew = true });
            index[teacher.EmployeeNo] = new TeacherRef(teacher.Id, teacher.IsActive);
        }
    }

    private async Task PlanClassesAsync(IReadOnlyCollection<SchoolClass> stored, Dictionary<string, TeacherRef> teachers,
        Dictionary<(int, string), Guid> index, CancellationToken cancellationToken)
    {
        var storedByKey = stored.ToDictionary(c => (c.SchoolYear, c.Name));
        var keys = new Dictionary<(int, string), int>();
        // Head teachers as they will be once the file is applied: one class per head teacher and school year.
        var heads = stored.ToDictionary(c => (c.SchoolYear, c.Name), c => (c.HeadTeacherId, Draft: (ClassDraft?)null));
        foreach (var draft in _classDrafts)
        {
            var head = teachers.GetValueOrDefault(draft.HeadTeacherNo);
            if (draft.HeadTeacherNo.Length > 0 && head is null)
                FailCell(RosterSheetKind.Classes, draft, "headTeacherEmployeeNo", RosterMessages.TeacherNotFound(draft.HeadTeacherNo));
            else if (head is { IsActive: false })
                FailCell(RosterSheetKind.Classes, draft, "headTeacherEmployeeNo", Messages.HeadTeacherMustBeActiveTeacher);
            await ValidateAsync(classRules, new CreateClassCommand(draft.Name, draft.Grade, Resolved, draft.SchoolYear),
                RosterSheetKind.Classes, draft, ClassFields, cancellationToken);
            var key = (draft.SchoolYear, draft.Name);
            if (draft.Name.Length > 0 && !keys.TryAdd(key, draft.Row))
                FailCell(RosterSheetKind.Classes, draft, "name", Messages.DuplicateInFile(draft.Name, keys[key].ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (HasFailed(RosterSheetKind.Classes, draft)) continue;

            var headTeacherId = head!.Id;
            heads[key] = (headTeacherId, draft);
            if (storedByKey.TryGetValue(key, out var existing))
            {
                Classes.Add(new ClassPlan(draft.Row, existing, draft.Name, draft.Grade, headTeacherId));
                continue;
            }
            var schoolClass = new SchoolClass(draft.Name, draft.Grade, draft.SchoolYear, headTeacherId);
            Classes.Add(new ClassPlan(draft.Row, schoolClass, draft.Name, draft.Grade, headTeacherId) { IsNew = true });
            index[key] = schoolClass.Id;
        }

        foreach (var shared in heads.GroupBy(h => (h.Key.Item1, h.Value.HeadTeacherId)).Where(g => g.Count() > 1))
        {
            foreach (var draft in shared.Select(h => h.Value.Draft).OfType<ClassDraft>())
                FailCell(RosterSheetKind.Classes, draft, "headTeacherEmployeeNo", Messages.HeadsAnotherClass);
        }
    }

    private async Task PlanStudentsAsync(IReadOnlyDictionary<string, Student> stored, Dictionary<(int, string), Guid> classes, CancellationToken cancellationToken)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var draft in _studentDrafts)
        {
            var classId = classes.TryGetValue((draft.SchoolYear, draft.ClassName), out var found) ? found : (Guid?)null;
            if (draft.ClassName.Length > 0 && classId is null)
                FailCell(RosterSheetKind.Students, draft, "class", RosterMessages.ClassNotFound(draft.ClassName, draft.SchoolYear));
            var guardians = draft.Guardian is null ? [] : new[] { draft.Guardian };
            await ValidateAsync(studentRules,
                new CreateStudentCommand(draft.Name, draft.StudentNo, Resolved, draft.Gender, draft.BirthDate, draft.Flags.Split(), guardians, null),
                RosterSheetKind.Students, draft, StudentFields, cancellationToken);
            FailIfRepeated(numbers, draft.StudentNo, RosterSheetKind.Students, draft, "studentNo");
            var existing = stored.GetValueOrDefault(draft.StudentNo);
            if (existing is { IsActive: false } && classId is not null && existing.ClassId != classId)
                FailCell(RosterSheetKind.Students, draft, "class", RosterMessages.InactiveStudentTransfer);
            if (existing is null && draft.Left)
                FailCell(RosterSheetKind.Students, draft, "status", RosterMessages.NewStudentLeft);
            if (HasFailed(RosterSheetKind.Students, draft)) continue;

            if (existing is not null)
            {
                Students.Add(new StudentPlan(draft.Row, existing, draft, classId!.Value));
                continue;
            }
            var student = new Student(draft.Name, draft.StudentNo, classId!.Value, draft.Gender, draft.BirthDate, guardians.ToGuardians(), draft.Flags);
            Students.Add(new StudentPlan(draft.Row, student, draft, classId.Value) { IsNew = true });
        }
    }

    private async Task ValidateAsync<TCommand>(IValidator<TCommand> validator, TCommand command, RosterSheetKind kind, Draft draft,
        IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(command, cancellationToken);
        foreach (var failure in result.Errors)
        {
            var path = PropertyPath(failure.PropertyName);
            var field = fields.GetValueOrDefault(path, path);
            if (draft.FailedCells?.Contains(field) == true) continue;
            FailCell(kind, draft, field, failure.ErrorMessage);
        }
    }

    /// <summary>"Guardians[0].Phone" → "guardians.phone": the validator's path without indexes, as JSON names it.</summary>
    private static string PropertyPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part =>
        {
            var name = part.IndexOf('[', StringComparison.Ordinal) is var bracket and >= 0 ? part[..bracket] : part;
            return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
        }));

    private void FailIfRepeated<TKey>(Dictionary<TKey, int> seen, TKey value, RosterSheetKind kind, Draft draft, string field) where TKey : notnull
    {
        if (value is string { Length: 0 } || seen.TryAdd(value, draft.Row)) return;
        FailCell(kind, draft, field, Messages.DuplicateInFile(value.ToString()!, seen[value].ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private void FailCell(RosterSheetKind kind, Draft draft, string field, string message)
    {
        (draft.FailedCells ??= new HashSet<string>(StringComparer.Ordinal)).Add(field);
        Fail(kind, draft.Sheet, draft.Row, field, message);
    }

    private void Fail(RosterSheetKind kind, string sheet, int row, string field, string message)
    {
        _errors.Add(new RosterRowError(sheet, row, field, message));
        _failed.Add((kind, row));
        _sheetOrder.TryAdd(sheet, kind);
    }

    private readonly Dictionary<string, RosterSheetKind> _sheetOrder = new(StringComparer.Ordinal);

    private bool HasFailed(RosterSheetKind kind, Draft draft) => _failed.Contains((kind, draft.Row));

    private int SheetOrder(string sheet) => _sheetOrder.TryGetValue(sheet, out var kind) ? (int)kind : int.MaxValue;

    internal abstract class Draft(string sheet, int row)
    {
        public string Sheet { get; } = sheet;
        public int Row { get; } = row;
        public HashSet<string>? FailedCells { get; set; }
    }

    private sealed class TeacherDraft(string sheet, int row) : Draft(sheet, row)
    {
        public required string Name { get; init; }
        public required string EmployeeNo { get; init; }
        public IReadOnlyList<string>? Subjects { get; init; }
        public NewAccount? Account { get; init; }
    }

    private sealed class ClassDraft(string sheet, int row) : Draft(sheet, row)
    {
        public required string Name { get; init; }
        public required string HeadTeacherNo { get; init; }
        public int Grade { get; set; }
        public int SchoolYear { get; set; }
    }

    internal sealed class StudentDraft(string sheet, int row) : Draft(sheet, row)
    {
        public required string Name { get; init; }
        public required string StudentNo { get; init; }
        public required string ClassName { get; init; }
        public bool HasBirthDate { get; init; }
        public bool HasFlags { get; init; }
        public Gender Gender { get; set; }
        public DateOnly? BirthDate { get; set; }
        public AttentionFlags Flags { get; set; }

        /// <summary>The row says the student has left the school.</summary>
        public bool Left { get; set; }
        public GuardianDto? Guardian { get; set; }
        public int SchoolYear { get; set; }
    }

    private sealed record TeacherRef(Guid Id, bool IsActive);
}

/// <summary>A planned change for one file row: <see cref="IsNew"/> rows are added, the others update a stored entity.</summary>
internal interface IRowPlan
{
    (RosterSheetKind Kind, int Row) Row { get; }
    bool IsNew { get; }
}

internal sealed record TeacherPlan(int RowNumber, Teacher Teacher, string Name, IReadOnlyList<string>? Subjects, NewAccount? Account) : IRowPlan
{
    public (RosterSheetKind Kind, int Row) Row => (RosterSheetKind.Teachers, RowNumber);
    public bool IsNew { get; init; }
}

internal sealed record ClassPlan(int RowNumber, SchoolClass Class, string Name, int Grade, Guid HeadTeacherId) : IRowPlan
{
    public (RosterSheetKind Kind, int Row) Row => (RosterSheetKind.Classes, RowNumber);
    public bool IsNew { get; init; }
}

internal sealed record StudentPlan(int RowNumber, Student Student, RosterImport.StudentDraft Values, Guid ClassId) : IRowPlan
{
    public (RosterSheetKind Kind, int Row) Row => (RosterSheetKind.Students, RowNumber);
    public bool IsNew { get; init; }
}
