namespace MentorCloud.Application.Common;

public static class ElementTypes
{
    /// <summary>What a list type holds (an array's element, an <see cref="IEnumerable{T}"/>'s T); null for text and for anything that is not a list.</summary>
    public static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type == typeof(string) ? null
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}
