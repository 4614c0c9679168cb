using FluentValidation;
using MentorCloud.Application.Common.Behaviours;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Application.Districts;
using MentorCloud.Application.Districts.Commands.CreateDistrict;
using ValidationException = MentorCloud.Application.Common.Exceptions.ValidationException;

namespace MentorCloud.Application.UnitTests;

public sealed class ValidationBehaviourTests
{
    private static readonly CreateDistrictCommand Valid = new("north-1", "北区教育局", new NewAdmin("north.admin", "Passw0rd", "区管理员"));
    private static readonly DistrictDto Created = new(Guid.CreateVersion7(), "north-1", "北区教育局", DateTimeOffset.UnixEpoch);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invalid_request_throws_ValidationException_with_camelCase_dotted_keys()
    {
        var next = new NextStep<CreateDistrictCommand, DistrictDto>(Created);
        var behaviour = new ValidationBehaviour<CreateDistrictCommand, DistrictDto>([new CreateDistrictValidator()]);
        var command = Valid with { Code = "North", Admin = Valid.Admin with { Username = "a b" } };

        var ex = await Should.ThrowAsync<ValidationException>(async () => await behaviour.Handle(command, next.Delegate, Ct));

        ex.Errors.Keys.Order(StringComparer.Ordinal).ShouldBe(["admin.username", "code"]);
        ex.Errors["admin.username"].ShouldNotBeEmpty();
        next.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Validation_messages_follow_the_request_culture()
    {
        using var _ = new UiCulture("zh-CN");
        var behaviour = new ValidationBehaviour<CreateDistrictCommand, DistrictDto>([new CreateDistrictValidator()]);
        var next = new NextStep<CreateDistrictCommand, DistrictDto>(Created);

        var ex = await Should.ThrowAsync<ValidationException>(async () => await behaviour.Handle(Valid with { Code = "North" }, next.Delegate, Ct));

        ex.Errors["code"].ShouldBe([Messages.CodeFormat]);
        ((string)Messages.CodeFormat).ShouldStartWith("代码");
    }

    [Fact]
    public async Task Valid_request_reaches_the_handler()
    {
        var next = new NextStep<CreateDistrictCommand, DistrictDto>(Created);
        var behaviour = new ValidationBehaviour<CreateDistrictCommand, DistrictDto>([new CreateDistrictValidator()]);

        (await behaviour.Handle(Valid, next.Delegate, Ct)).ShouldBe(Created);

        next.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Request_without_validators_reaches_the_handler()
    {
        var next = new NextStep<AdminCommand, string>("done");
        var behaviour = new ValidationBehaviour<AdminCommand, string>([]);

        (await behaviour.Handle(new AdminCommand(""), next.Delegate, Ct)).ShouldBe("done");

        next.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Failures_of_every_validator_are_gathered_per_field_without_duplicates()
    {
        var required = new InlineValidator<AdminCommand> { v => v.RuleFor(c => c.Name).NotEmpty().WithMessage("required") };
        var longer = new InlineValidator<AdminCommand> { v => v.RuleFor(c => c.Name).MinimumLength(3).WithMessage("too short") };
        var requiredAgain = new InlineValidator<AdminCommand> { v => v.RuleFor(c => c.Name).NotEmpty().WithMessage("required") };
        var behaviour = new ValidationBehaviour<AdminCommand, string>([required, longer, requiredAgain]);
        var next = new NextStep<AdminCommand, string>("done");

        var ex = await Should.ThrowAsync<ValidationException>(async () => await behaviour.Handle(new AdminCommand(""), next.Delegate, Ct));

        ex.Errors.Keys.ShouldBe(["name"]);
        ex.Errors["name"].ShouldBe(["required", "too short"]);
        next.Calls.ShouldBe(0);
    }

    [Theory]
    [InlineData("Code", "code")]
    [InlineData("Admin.Username", "admin.username")]
    [InlineData("Admin.DisplayName", "admin.displayName")]
    [InlineData("Items[0].Name", "items[0].name")]
    [InlineData("code", "code")]
    public void Property_paths_become_camelCase_json_paths(string propertyPath, string expected) =>
        FieldNames.Of(propertyPath).ShouldBe(expected);
}
