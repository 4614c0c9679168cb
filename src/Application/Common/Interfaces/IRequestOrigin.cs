namespace MentorCloud.Application.Common.Interfaces;

/// <summary>Where a request came from, as the audit log of archive access records it; nothing for background work.</summary>
public interface IRequestOrigin
{
    string? ClientAddress { get; }
    string? UserAgent { get; }
}
