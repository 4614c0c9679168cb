using System.Text.Json;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Localization;
using Microsoft.OpenApi;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>
/// Enumerations in the query string. The binder reads enum names case-sensitively and answers a bare 400, while the
/// contract spells values in camelCase; such parameters bind as text, are read here, and are documented as the enumeration.
/// </summary>
public static class EnumQueryParameters
{
    /// <summary>The value named by <paramref name="text"/> (any case), null when absent; an unknown name is a 400 naming the field.</summary>
    public static TEnum? Parse<TEnum>(string? text, string field) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!int.TryParse(text, out _) && !text.Contains(',') && Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value))
            return value;
        throw ValidationException.For(field, Messages.NotOneOf(text, NamesOf(typeof(TEnum))));
    }

    /// <summary>The values of <paramref name="enumType"/> as the contract spells them: "talk, parentContact, …".</summary>
    public static string NamesOf(Type enumType) => string.Join(", ", Enum.GetNames(enumType).Select(JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>Documents the text parameter <paramref name="name"/> as the enumeration <typeparamref name="TEnum"/>.</summary>
    public static RouteHandlerBuilder WithEnumQuery<TEnum>(this RouteHandlerBuilder builder, string name) where TEnum : struct, Enum =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            if (operation.Parameters?.OfType<OpenApiParameter>().SingleOrDefault(p => p.Name == name) is { } parameter)
                parameter.Schema = new OpenApiSchemaReference(typeof(TEnum).Name, context.Document);
            return Task.CompletedTask;
        });
}
