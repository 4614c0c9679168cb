using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;

namespace MentorCloud.Application.MentorGroups;

public sealed record MentorGroupSummaryDto(
    Guid Id, Guid ClassId, Guid SemesterId, MentorGroupPhase Phase, DateOnly? SelectionClosesOn, DateTimeOffset? PublishedAt, int MentorCount, int AssignedStudentCount);

/// <summary>A mentor of the group: total mentees this semester across groups, room left under the cap (R3), and mentees here.</summary>
public sealed record GroupMentorDto(Guid TeacherId, string Name, bool IsActive, bool IsHeadTeacher, int Load, int RemainingCapacity, int MenteesHere, IReadOnlyList<Guid> WelcomedStudentIds);

/// <summary>A student of the class as the group sees them: flags (R5), ranking, and mentors with how they were placed.</summary>
public sealed record GroupStudentDto(
    Guid StudentId, string Name, string StudentNo, IReadOnlyList<AttentionFlags> AttentionFlags, IReadOnlyList<Guid> RankedMentorIds, IReadOnlyList<GroupAssignmentDto> Mentors);

public sealed record GroupAssignmentDto(Guid MentorId, AssignmentSource Source, int? ChoiceRank);

/// <summary>A group as its members see it; <c>uncoveredStudentIds</c> are active students of the class without a mentor (R1), <c>endedAssignments</c> the history.</summary>
public sealed record MentorGroupDto(
    Guid Id,
    Guid ClassId,
    Guid SemesterId,
    Guid HeadTeacherId,
    MentorGroupPhase Phase,
    DateOnly? SelectionClosesOn,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<GroupMentorDto> Mentors,
    IReadOnlyList<GroupStudentDto> Students,
    IReadOnlyList<Guid> UncoveredStudentIds,
    IReadOnlyList<EndedAssignmentDto> EndedAssignments);

/// <summary>A pair that ended after publishing: who mentored whom, from when until when, and why (R15).</summary>
public sealed record EndedAssignmentDto(Guid StudentId, Guid MentorId, AssignmentSource Source, DateTimeOffset AssignedAt, DateTimeOffset EndedAt, AssignmentEndReason Reason);

/// <summary>The answer of a matching run (R4).</summary>
public sealed record MatchResultDto(IReadOnlyList<MatchAssignmentDto> Assignments, IReadOnlyList<Guid> Unmatched, IReadOnlyList<Guid> AutoAssigned, int Shortfall);

public sealed record MatchAssignmentDto(Guid StudentId, IReadOnlyList<Guid> MentorIds, int? ChoiceRank);

/// <summary>The published mentor list (公布导师名单, R6).</summary>
public sealed record PublishedListDto(Guid GroupId, Guid ClassId, Guid SemesterId, DateTimeOffset PublishedAt, IReadOnlyList<PublishedMentorDto> Mentors, IReadOnlyList<PublishedStudentDto> Students);

public sealed record PublishedMentorDto(Guid TeacherId, string Name, IReadOnlyList<string> Subjects);

public sealed record PublishedStudentDto(Guid StudentId, string Name, IReadOnlyList<Guid> MentorIds);

/// <summary>A mentee of a teacher, or a mentor of a student, in one semester.</summary>
public sealed record PairingDto(Guid GroupId, Guid SemesterId, Guid ClassId, Guid StudentId, string StudentName, Guid MentorId, string MentorName, AssignmentSource Source);
