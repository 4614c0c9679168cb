using System.Reflection;
using MentorCloud.Application.Auth.Commands.IssueToken;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.MentorGroups.Commands.CreateMentorGroup;
using MentorCloud.Application.Students.Queries.GetStudents;
using MentorCloud.Application.Roster;
using MentorCloud.Domain.Common;

namespace MentorCloud.Application.UnitTests;

public sealed class LocalizationTests
{
    [Fact]
    public void Messages_are_Chinese_under_zh_CN()
    {
        using var _ = new UiCulture("zh-CN");

        ((string)Messages.CodeFormat).ShouldBe("代码须为 2–40 个小写字母、数字或 '-'。");
        ((string)Messages.DuplicateDistrict("north-1")).ShouldBe("区代码 'north-1' 已存在。");
        ((string)Messages.TitleForbidden).ShouldBe("无权执行此操作");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-US")]
    [InlineData("en-GB")]
    public void Messages_are_English_under_en(string culture)
    {
        using var _ = new UiCulture(culture);

        ((string)Messages.CodeFormat).ShouldBe("Use 2–40 lowercase letters, digits or '-'.");
        ((string)Messages.DuplicateDistrict("north-1")).ShouldBe("District code 'north-1' already exists.");
        ((string)Messages.TitleForbidden).ShouldBe("Forbidden");
    }

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    public void Messages_fall_back_to_Chinese_for_other_languages(string culture)
    {
        using var _ = new UiCulture(culture);

        ((string)Messages.PasswordPolicy).ShouldBe("密码至少 8 位,且须同时包含字母和数字。");
    }

    /// <summary>Every message catalog; the roster's English texts may quote the Chinese column headers they name.</summary>
    public static readonly TheoryData<Type, bool> Catalogs = new()
    {
        { typeof(Messages), false },
        { typeof(RosterMessages), true },
    };

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void Every_message_has_a_Chinese_and_a_different_English_text(Type catalog, bool englishMayQuoteChinese)
    {
        var texts = catalog.GetMembers(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m is PropertyInfo or MethodInfo { IsSpecialName: false })
            .ToList();
        texts.Count.ShouldBeGreaterThan(10);

        foreach (var member in texts)
        {
            string chinese, english;
            using (new UiCulture("zh-CN")) chinese = Read(member);
            using (new UiCulture("en")) english = Read(member);

            chinese.ShouldNotBeNullOrWhiteSpace(member.Name);
            english.ShouldNotBeNullOrWhiteSpace(member.Name);
            english.ShouldNotBe(chinese, member.Name);
            chinese.Any(c => c is >= '\u4e00' and <= '\u9fff').ShouldBeTrue($"{member.Name} has Chinese text");
            if (!englishMayQuoteChinese)
                english.Any(c => c is >= '\u4e00' and <= '\u9fff').ShouldBeFalse($"{member.Name} has no Chinese in English");
        }
    }

    /// <summary>A rule that refuses a value says what it takes (the names it accepts, how many), in the caller's language.</summary>
    [Theory]
    [InlineData("zh-CN", "'xyz' 不是可选值之一:academicDifficulty, behavioural, singleParent, reconstitutedFamily, leftBehind, psychological, financialHardship, specialNeeds。", "最多 100 项。")]
    [InlineData("en", "'xyz' is not one of: academicDifficulty, behavioural, singleParent, reconstitutedFamily, leftBehind, psychological, financialHardship, specialNeeds.", "At most 100 entries.")]
    public void A_rules_own_message_says_what_it_takes(string culture, string unknownFlag, string tooMany)
    {
        using var _ = new UiCulture(culture);

        new GetStudentsValidator().MessagesFor(new GetStudentsQuery(Flag: "xyz"), "Flag").ShouldBe([unknownFlag]);
        new CreateMentorGroupValidator().MessagesFor(new CreateMentorGroupCommand(Guid.NewGuid(), Guid.NewGuid(), [.. Enumerable.Range(0, 101).Select(_ => Guid.NewGuid())]), "MentorIds")
            .ShouldBe([tooMany]);
    }

    [Fact]
    public void Built_in_validation_messages_are_Chinese_under_zh_CN()
    {
        using var _ = new UiCulture("zh-CN");

        new IssueTokenValidator().MessagesFor(new IssueTokenCommand("", "Passw0rd", "192.0.2.1"), "Username")
            .ShouldBe(["'Username' 不能为空。"]);
    }

    [Fact]
    public void Built_in_validation_messages_are_English_under_en()
    {
        using var _ = new UiCulture("en");

        new IssueTokenValidator().MessagesFor(new IssueTokenCommand("", "Passw0rd", "192.0.2.1"), "Username")
            .ShouldBe(["'Username' must not be empty."]);
    }

    private static string Read(MemberInfo member) => member switch
    {
        PropertyInfo property => ((LocalizedText)property.GetValue(null)!).ToString(),
        MethodInfo method => ((LocalizedText)method.Invoke(null, [.. method.GetParameters().Select(p => p.ParameterType == typeof(string) ? "x" : Activator.CreateInstance(p.ParameterType))])!).ToString(),
        _ => throw new InvalidOperationException(member.Name),
    };
}
