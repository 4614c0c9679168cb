namespace MentorCloud.Domain.Common;

/// <summary>A request that the domain refuses.</summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>A numbered business rule of the specification (R1–R14) refused the change.</summary>
public sealed class RuleViolationException(string rule, string message, object? details = null)
    : DomainException(message)
{
    public string Rule { get; } = rule;

    /// <summary>Machine-readable facts about the refusal, such as the uncovered students of R1.</summary>
    public object? Details { get; } = details;
}

/// <summary>The change conflicts with the current state: a duplicate, or the wrong phase.</summary>
public sealed class ConflictException(string message) : DomainException(message);

/// <summary>A value that can never be valid, caught by the domain itself.</summary>
public sealed class DomainValidationException(string field, string message) : DomainException(message)
{
    public string Field { get; } = field;
}
