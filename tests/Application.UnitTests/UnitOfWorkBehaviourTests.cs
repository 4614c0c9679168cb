using Mediator;
using MentorCloud.Application.Common.Behaviours;

namespace MentorCloud.Application.UnitTests;

public sealed class UnitOfWorkBehaviourTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changes_are_saved_once_after_the_handler_succeeds()
    {
        var unitOfWork = new FakeUnitOfWork();
        var savesSeenByHandler = -1;
        MessageHandlerDelegate<AdminCommand, string> next = (_, _) =>
        {
            savesSeenByHandler = unitOfWork.Saves;
            return new ValueTask<string>("done");
        };

        var response = await new UnitOfWorkBehaviour<AdminCommand, string>(unitOfWork).Handle(new AdminCommand("x"), next, Ct);

        response.ShouldBe("done");
        savesSeenByHandler.ShouldBe(0);
        unitOfWork.Saves.ShouldBe(1);
    }

    [Fact]
    public async Task Nothing_is_saved_when_the_handler_throws()
    {
        var unitOfWork = new FakeUnitOfWork();
        MessageHandlerDelegate<AdminCommand, string> next = (_, _) => throw new InvalidOperationException("handler failed");

        var ex = await Should.ThrowAsync<InvalidOperationException>(async () =>
            await new UnitOfWorkBehaviour<AdminCommand, string>(unitOfWork).Handle(new AdminCommand("x"), next, Ct));

        ex.Message.ShouldBe("handler failed");
        unitOfWork.Saves.ShouldBe(0);
    }

    [Fact]
    public async Task Nothing_is_saved_when_the_handler_fails_asynchronously()
    {
        var unitOfWork = new FakeUnitOfWork();
        MessageHandlerDelegate<AdminCommand, string> next = async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("handler failed later");
        };

        await Should.ThrowAsync<InvalidOperationException>(async () =>
            await new UnitOfWorkBehaviour<AdminCommand, string>(unitOfWork).Handle(new AdminCommand("x"), next, Ct));

        unitOfWork.Saves.ShouldBe(0);
    }
}
