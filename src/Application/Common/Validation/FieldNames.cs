using FluentValidation;

namespace MentorCloud.Application.Common.Validation;

/// <summary>Fields named as the API writes them: the keys of a 400's <c>errors</c>, and the field a built-in rule's message names.</summary>
public static class FieldNames
{
    /// <summary>"Admin.Username" → "admin.username", matching the JSON field names.</summary>
    public static string Of(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));

    /// <summary>
    /// Makes FluentValidation's own messages name a field like <see cref="Of"/> ("'pageSize' must be between 1 and 200"), not by its
    /// C# name split into words ("'Page Size'"). <c>WithName</c> and <c>OverridePropertyName</c> still win.
    /// </summary>
    public static void UseForBuiltInMessages() =>
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : Of(member.Name);
}
