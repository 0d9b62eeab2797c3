using FluentValidation;
using Mediator;
using Shop.Application.Validation;
using Shop.Application.Webhooks.Ports;
using Shop.Domain.Common;
using Shop.Domain.Webhooks;

namespace Shop.Application.Webhooks.CreateWebhook;

/// <summary>Subscribes a URL to event types; the answer carries the signing secret, shown only here.</summary>
public sealed record CreateWebhookCommand(string? Url, IReadOnlyList<string?>? Events) : ICommand<CreatedWebhookResponse>;

internal sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookCommand>
{
    private static readonly HashSet<string> Subscribable = new(WebhookEvents.Subscribable, StringComparer.Ordinal);

    public CreateWebhookValidator(IWebhookUrlGuard guard)
    {
        RuleFor(command => command.Url).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(ValidationMessages.Empty("url"))
            .MaximumLength(WebhookSubscription.MaxUrlLength).WithMessage(ValidationMessages.TooLong("url", WebhookSubscription.MaxUrlLength))
            .Must(url => WebhookUrls.Parse(url) is not null)
            .WithMessage("'url' must be an absolute http or https URL without a user name or password.")
            .Must(url => WebhookSubscription.IsDeliverable(WebhookUrls.Parse(url)!))
            .WithMessage($"'url' must be at most {WebhookSubscription.MaxUrlLength} characters once escaped.")
            // Last, and only for a URL that is otherwise fine: it may ask DNS.
            .CustomAsync(async (url, context, cancellationToken) =>
            {
                if (await guard.RefusalAsync(WebhookUrls.Parse(url)!, cancellationToken) is { } refusal)
                {
                    context.AddFailure("url", refusal);
                }
            });
        RuleFor(command => command.Events).Cascade(CascadeMode.Stop).NotNull().WithMessage(ValidationMessages.Empty("events"))
            .Must(HasAllowedCount).WithMessage($"'events' must name 1 to {WebhookSubscription.MaxEvents} event types.");
        // Count before elements: a list of the wrong size is refused without looking at each of its names.
        RuleForEach(command => command.Events)
            .Must(name => name is not null && Subscribable.Contains(name))
            .WithMessage($"'events[{{CollectionIndex}}]' must be one of {string.Join(", ", WebhookEvents.Subscribable)}.")
            .When(command => HasAllowedCount(command.Events));
    }

    private static bool HasAllowedCount(IReadOnlyList<string?>? events) =>
        events is { Count: >= 1 and <= WebhookSubscription.MaxEvents };
}

internal sealed class CreateWebhookHandler : ICommandHandler<CreateWebhookCommand, CreatedWebhookResponse>
{
    private readonly IWebhookRepository _webhooks;
    private readonly TimeProvider _clock;

    public CreateWebhookHandler(IWebhookRepository webhooks, TimeProvider clock)
    {
        _webhooks = webhooks;
        _clock = clock;
    }

    public ValueTask<CreatedWebhookResponse> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        var url = WebhookUrls.Parse(command.Url) ?? throw new InvalidOperationException("The validator must refuse a URL that does not parse.");
        var events = Validated.Present(command.Events).Select(name => Validated.Present(name)).ToList();
        var subscription = WebhookSubscription.Create(url, events, _clock);
        _webhooks.Add(subscription);
        return ValueTask.FromResult(subscription.ToCreatedResponse());
    }
}
