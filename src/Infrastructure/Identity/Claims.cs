namespace MentorCloud.Infrastructure.Identity;

/// <summary>The claim names of a MentorCloud access token.</summary>
public static class MentorCloudClaims
{
    public const string Subject = "sub";
    public const string Username = "name";
    public const string DisplayName = "display_name";
    public const string Role = "role";
    public const string District = "district";
    public const string School = "school";
    public const string TeacherId = "teacher_id";
    public const string StudentId = "student_id";
}
