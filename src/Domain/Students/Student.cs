using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Students;

/// <summary>A student (学生) of one class; every active student must have a mentor (R1).</summary>
public sealed class Student : AggregateRoot, ITenantOwned
{
    private Student(Guid id) : base(id) { }

    public Student(string name, string studentNo, Guid classId, Gender gender, DateOnly? birthDate, IEnumerable<Guardian> guardians,
        AttentionFlags attentionFlags = AttentionFlags.None)
    {
        AttentionFlags = attentionFlags;
        StudentNo = string.IsNullOrWhiteSpace(studentNo) ? throw new DomainValidationException(nameof(studentNo), new("请填写学号。", "A student number is required.")) : studentNo.Trim();
        ClassId = classId;
        Update(name, gender, birthDate, guardians);
        Raise(new StudentEnrolled(Id));
    }

    public string Name { get; private set; } = null!;
    public string StudentNo { get; private set; } = null!;
    public Guid ClassId { get; private set; }
    public Gender Gender { get; private set; }
    public DateOnly? BirthDate { get; private set; }
    public AttentionFlags AttentionFlags { get; private set; }
    public IReadOnlyList<Guardian> Guardians { get; private set; } = [];
    public bool IsActive { get; private set; } = true;

    public bool IsPriorityCare => AttentionFlags != AttentionFlags.None;

    public void Update(string name, Gender gender, DateOnly? birthDate, IEnumerable<Guardian> guardians)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new DomainValidationException(nameof(name), new("请填写学生姓名。", "A student needs a name.")) : name.Trim();
        Gender = gender;
        BirthDate = birthDate;
        Guardians = [.. guardians];
    }

    /// <summary>Sets the priority-care flags (R5); a change is a fact others hear of.</summary>
    public void SetAttentionFlags(AttentionFlags flags)
    {
        if (flags == AttentionFlags) return;
        var previous = AttentionFlags;
        AttentionFlags = flags;
        Raise(new AttentionFlagsChanged(Id, previous, flags));
    }

    /// <summary>Moves the student to another class; they leave their mentors of the semester (R15).</summary>
    public void TransferTo(Guid classId)
    {
        if (classId == ClassId) return;
        if (!IsActive) throw new ConflictException(new("已离校的学生不能转班。", "An inactive student cannot be transferred."));
        var from = ClassId;
        ClassId = classId;
        Raise(new StudentTransferred(Id, from, classId));
    }

    /// <summary>The student left the school: no longer counted for coverage, no sign-in; they leave their mentors (R15).</summary>
    public void Deactivate()
    {
        if (!IsActive) return;
        IsActive = false;
        Raise(new StudentDeactivated(Id, ClassId));
    }
}

/// <summary>A student joined the school (created or imported); their guidance archive opens with them (R7).</summary>
public sealed record StudentEnrolled(Guid StudentId) : DomainEvent<StudentEnrolled>;

public sealed record StudentDeactivated(Guid StudentId, Guid ClassId) : DomainEvent<StudentDeactivated>;

public sealed record StudentTransferred(Guid StudentId, Guid FromClassId, Guid ToClassId) : DomainEvent<StudentTransferred>;

public sealed record AttentionFlagsChanged(Guid StudentId, AttentionFlags From, AttentionFlags To) : DomainEvent<AttentionFlagsChanged>;

/// <summary>A guardian (监护人) of a student.</summary>
public sealed record Guardian(string Name, string Relation, string? Phone);
