using Mediator;
using NSubstitute;
using Shop.Application.Identity.EndSession;
using Shop.Application.Identity.Ports;
using Shop.Application.UnitTests.Support;

namespace Shop.Application.UnitTests.Identity;

public sealed class EndSessionTests
{
    [Fact]
    public async Task Deletes_the_session_of_the_token()
    {
        var sessions = Substitute.For<ISessionStore>();
        sessions.DeleteAsync("opaque-token", Arg.Any<CancellationToken>()).Returns(true);
        var handler = new EndSessionHandler(sessions);

        var result = await handler.Handle(new EndSessionCommand("opaque-token"), CancellationToken.None);

        Assert.Equal(Unit.Value, result);
        await sessions.Received(1).DeleteAsync("opaque-token", Arg.Any<CancellationToken>());
    }

    public sealed class Validator
    {
        private readonly EndSessionValidator _validator = new();

        [Fact]
        public void Accepts_a_token() => ValidationAssert.Passes(_validator, new EndSessionCommand("opaque-token"));

        [Fact]
        public void Refuses_an_empty_token() =>
            ValidationAssert.FailsOn(_validator, new EndSessionCommand(""), "Token");
    }
}
