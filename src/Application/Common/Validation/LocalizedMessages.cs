using FluentValidation;
using MentorCloud.Domain.Common;

namespace MentorCloud.Application.Common.Validation;

/// <summary>A rule's own message in Simplified Chinese and English, like every text the caller reads.</summary>
public static class LocalizedMessages
{
    /// <summary>The message in the caller's language, chosen when the rule fails (validators are singletons).</summary>
    public static IRuleBuilderOptions<T, TProperty> WithMessage<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, LocalizedText message) =>
        rule.WithMessage(_ => message.ToString());
}
