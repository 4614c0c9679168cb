namespace MentorCloud.Domain.Districts;

/// <summary>
/// One school's R13 figures for one semester as plain counts and sums (rates and averages are derived), so figures of
/// several schools add up exactly into district totals. Counts only: never a student's name, id or number.
/// </summary>
public sealed record SchoolFigures
{
    /// <summary>Active students.</summary>
    public int Students { get; init; }
    public int Teachers { get; init; }

    /// <summary>Teachers with at least one active mentee in the semester's published pairs.</summary>
    public int ActiveMentors { get; init; }

    /// <summary>Active students with at least one published mentor.</summary>
    public int CoveredStudents { get; init; }

    /// <summary>Published mentor–student pairs of active students (the sum of the mentors' loads).</summary>
    public int MentorPlaces { get; init; }
    public int MentorLoadMaximum { get; init; }
    public int MentorLoadCap { get; init; }
    public int CapViolations { get; init; }

    /// <summary>Active students who reached the policy's minimum talks, parent contacts, evaluation feedbacks, and all three.</summary>
    public int TalksMet { get; init; }
    public int ParentContactsMet { get; init; }
    public int EvaluationsMet { get; init; }
    public int ThreeOnesMet { get; init; }

    /// <summary>Parent contacts of the semester by mode (activities, not students).</summary>
    public int HomeVisits { get; init; }
    public int FaceToFaceContacts { get; init; }
    public int PhoneContacts { get; init; }
    public int OnlineContacts { get; init; }

    public int ReportsRequired { get; init; }
    public int ReportsSubmitted { get; init; }

    public int PriorityCareStudents { get; init; }
    public int PriorityCareWithTalk { get; init; }

    /// <summary>Mentor evaluations of the semester and the sums of their scores (1–5 each).</summary>
    public int EvaluationCount { get; init; }
    public int CareScoreSum { get; init; }
    public int GuidanceScoreSum { get; init; }
    public int CommunicationScoreSum { get; init; }

    /// <summary>
    /// The mentors' talks, parent contacts and evaluation feedbacks still missing for students whose gaps were escalated
    /// (reminded, then still open 7 days later or at 3 days before the end): the school's overdue duties.
    /// </summary>
    public int OverdueDuties { get; init; }
}
