namespace MentorCloud.Domain.Common;

/// <summary>
/// A request that the domain refuses. <see cref="Text"/> is what the caller reads, in their language; the exception's
/// <see cref="Exception.Message"/> is the English text, for logs.
/// </summary>
public abstract class DomainException(LocalizedText text) : Exception(text.English)
{
    public LocalizedText Text { get; } = text;
}

/// <summary>A numbered business rule of the specification (R1–R14) refused the change.</summary>
public sealed class RuleViolationException(string rule, LocalizedText text, object? details = null)
    : DomainException(text)
{
    public string Rule { get; } = rule;

    /// <summary>Machine-readable facts about the refusal, such as the uncovered students of R1.</summary>
    public object? Details { get; } = details;
}

/// <summary>The change conflicts with the current state: a duplicate, or the wrong phase.</summary>
public sealed class ConflictException(LocalizedText text) : DomainException(text);

/// <summary>A value that can never be valid, caught by the domain itself.</summary>
public sealed class DomainValidationException(string field, LocalizedText text) : DomainException(text)
{
    public string Field { get; } = field;
}
