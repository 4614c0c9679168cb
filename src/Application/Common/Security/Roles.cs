namespace MentorCloud.Application.Common.Security;

/// <summary>The login roles of SPEC.md. "Head teacher" is a fact of the data, not a role.</summary>
public static class Roles
{
    public const string PlatformAdmin = "platform-admin";
    public const string DistrictAdmin = "district-admin";
    public const string SchoolAdmin = "school-admin";
    public const string Teacher = "teacher";
    public const string Student = "student";
    public const string Guardian = "guardian";

    /// <summary>Background work inside one school (<see cref="SystemUser"/>); never a login's role, never in a token.</summary>
    public const string System = "system";

    /// <summary>The roles a login may hold.</summary>
    public static readonly IReadOnlyList<string> All = [PlatformAdmin, DistrictAdmin, SchoolAdmin, Teacher, Student, Guardian];
}

/// <summary>Only callers holding one of these roles may send the request; others get 403.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RequiresRoleAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>Any signed-in caller may send the request; the handler narrows what they see.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AnyAuthenticatedUserAttribute : Attribute;

/// <summary>The request needs no sign-in (the token request itself).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AllowAnonymousRequestAttribute : Attribute;
