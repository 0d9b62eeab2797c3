using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Shop.Application.Common.Behaviors;

namespace Shop.Application.UnitTests.Common;

public sealed class LoggingBehaviorTests
{
    [Fact]
    public async Task Passes_the_response_through()
    {
        var behavior = new LoggingBehavior<PingQuery, string>(NullLogger<LoggingBehavior<PingQuery, string>>.Instance);
        PingQuery? received = null;

        var response = await behavior.Handle(
            new PingQuery("hello"),
            (message, _) =>
            {
                received = message;
                return ValueTask.FromResult("pong");
            },
            CancellationToken.None);

        Assert.Equal("pong", response);
        Assert.Equal(new PingQuery("hello"), received);
    }

    [Fact]
    public async Task Rethrows_the_handlers_exception_unchanged()
    {
        var behavior = new LoggingBehavior<PingQuery, string>(NullLogger<LoggingBehavior<PingQuery, string>>.Instance);
        var failure = new InvalidOperationException("boom");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            behavior.Handle(new PingQuery("hello"), (_, _) => throw failure, CancellationToken.None).AsTask());

        Assert.Same(failure, exception);
    }

    [Fact]
    public async Task Logs_the_message_name_once_at_information()
    {
        var logger = Substitute.For<ILogger<LoggingBehavior<PingQuery, string>>>();
        logger.IsEnabled(Arg.Any<LogLevel>()).Returns(true);
        var behavior = new LoggingBehavior<PingQuery, string>(logger);

        await behavior.Handle(new PingQuery("hello"), (_, _) => ValueTask.FromResult("pong"), CancellationToken.None);

        var log = Assert.Single(logger.ReceivedCalls(), call => call.GetMethodInfo().Name == nameof(ILogger.Log));
        var arguments = log.GetArguments();
        Assert.Equal(LogLevel.Information, arguments[0]);
        Assert.StartsWith("PingQuery handled in ", arguments[2]?.ToString(), StringComparison.Ordinal);
    }
}
