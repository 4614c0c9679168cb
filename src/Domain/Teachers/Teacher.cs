using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Teachers;

/// <summary>A teacher (教师). Every active teacher is a mentor (导师, R2).</summary>
public sealed class Teacher : AggregateRoot, ITenantOwned
{
    private Teacher(Guid id) : base(id) { }

    public Teacher(string name, string employeeNo, IEnumerable<string> subjects)
    {
        Update(name, subjects);
        EmployeeNo = string.IsNullOrWhiteSpace(employeeNo) ? throw new DomainValidationException(nameof(employeeNo), new("请填写工号。", "An employee number is required.")) : employeeNo.Trim();
    }

    public string Name { get; private set; } = null!;
    public string EmployeeNo { get; private set; } = null!;
    public List<string> Subjects { get; private set; } = [];
    public bool IsActive { get; private set; } = true;

    /// <summary>The classes the teacher teaches (任课班级); matching prefers them as mentors of those classes.</summary>
    public List<Guid> ClassIds { get; private set; } = [];

    public void Update(string name, IEnumerable<string> subjects)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new DomainValidationException(nameof(name), new("请填写教师姓名。", "A teacher needs a name.")) : name.Trim();
        Subjects = [.. subjects.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    public void SetClassesTaught(IEnumerable<Guid> classIds) => ClassIds = [.. classIds.Distinct()];

    /// <summary>A deactivated teacher keeps their history but takes no new mentees, cannot sign in, and leaves their mentees (R15).</summary>
    public void Deactivate()
    {
        if (!IsActive) return;
        IsActive = false;
        Raise(new TeacherDeactivated(Id));
    }
}

public sealed record TeacherDeactivated(Guid TeacherId) : DomainEvent<TeacherDeactivated>;
