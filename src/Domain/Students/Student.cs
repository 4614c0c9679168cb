using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Students;

/// <summary>A student (学生) of one class; every active student must have a mentor (R1).</summary>
public sealed class Student : AggregateRoot, ITenantOwned
{
    private readonly List<Guardian> _guardians = [];

    private Student() { }

    public Student(string name, string studentNo, Guid classId, Gender gender, DateOnly? birthDate, IEnumerable<Guardian> guardians)
    {
        StudentNo = string.IsNullOrWhiteSpace(studentNo) ? throw new DomainValidationException(nameof(studentNo), "A student number is required.") : studentNo.Trim();
        ClassId = classId;
        Update(name, gender, birthDate, guardians);
    }

    public string Name { get; private set; } = null!;
    public string StudentNo { get; private set; } = null!;
    public Guid ClassId { get; private set; }
    public Gender Gender { get; private set; }
    public DateOnly? BirthDate { get; private set; }
    public AttentionFlags AttentionFlags { get; private set; }
    public IReadOnlyList<Guardian> Guardians => _guardians.AsReadOnly();
    public bool IsActive { get; private set; } = true;

    public bool IsPriorityCare => AttentionFlags != AttentionFlags.None;

    public void Update(string name, Gender gender, DateOnly? birthDate, IEnumerable<Guardian> guardians)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new DomainValidationException(nameof(name), "A student needs a name.") : name.Trim();
        Gender = gender;
        BirthDate = birthDate;
        _guardians.Clear();
        _guardians.AddRange(guardians);
    }

    /// <summary>Sets the priority-care flags (R5); returns the previous flags for the audit log.</summary>
    public AttentionFlags SetAttentionFlags(AttentionFlags flags)
    {
        var previous = AttentionFlags;
        AttentionFlags = flags;
        return previous;
    }

    public void TransferTo(Guid classId)
    {
        if (!IsActive) throw new ConflictException("An inactive student cannot be transferred.");
        ClassId = classId;
    }

    public void Deactivate() => IsActive = false;
}

/// <summary>A guardian (监护人) of a student.</summary>
public sealed record Guardian(string Name, string Relation, string? Phone);
