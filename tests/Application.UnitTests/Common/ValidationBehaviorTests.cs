using FluentValidation;
using Shop.Application.Behaviors;

namespace Shop.Application.UnitTests.Common;

public sealed class ValidationBehaviorTests
{
    private int _nextCalls;

    private ValueTask<string> Next(PingQuery message, CancellationToken cancellationToken)
    {
        _nextCalls++;
        return ValueTask.FromResult($"pong {message.Text}");
    }

    [Fact]
    public async Task Valid_messages_reach_the_handler()
    {
        var behavior = new ValidationBehavior<PingQuery, string>([TextNotEmpty(), TextAtMost(10)]);

        var response = await behavior.Handle(new PingQuery("hello"), Next, CancellationToken.None);

        Assert.Equal("pong hello", response);
        Assert.Equal(1, _nextCalls);
    }

    [Fact]
    public async Task A_message_without_validators_reaches_the_handler()
    {
        var behavior = new ValidationBehavior<PingQuery, string>([]);

        var response = await behavior.Handle(new PingQuery(""), Next, CancellationToken.None);

        Assert.Equal("pong ", response);
        Assert.Equal(1, _nextCalls);
    }

    [Fact]
    public async Task Every_failure_of_every_validator_is_reported_and_the_handler_is_not_called()
    {
        var first = new InlineValidator<PingQuery>();
        first.RuleFor(query => query.Text).NotEmpty().WithMessage("first: empty");
        first.RuleFor(query => query.Text).Must(text => text.StartsWith('x')).WithMessage("first: no x");
        var second = new InlineValidator<PingQuery>();
        second.RuleFor(query => query.Text).Must(text => text.Length > 3).WithMessage("second: too short");
        var passing = TextAtMost(10);
        var behavior = new ValidationBehavior<PingQuery, string>([first, passing, second]);

        var exception = await Assert.ThrowsAsync<ValidationException>(() =>
            behavior.Handle(new PingQuery(""), Next, CancellationToken.None).AsTask());

        Assert.Equal(
            new[] { "first: empty", "first: no x", "second: too short" },
            exception.Errors.Select(error => error.ErrorMessage));
        Assert.All(exception.Errors, error => Assert.Equal("Text", error.PropertyName));
        Assert.Equal(0, _nextCalls);
    }

    private static InlineValidator<PingQuery> TextNotEmpty()
    {
        var validator = new InlineValidator<PingQuery>();
        validator.RuleFor(query => query.Text).NotEmpty();
        return validator;
    }

    private static InlineValidator<PingQuery> TextAtMost(int length)
    {
        var validator = new InlineValidator<PingQuery>();
        validator.RuleFor(query => query.Text).MaximumLength(length);
        return validator;
    }
}
