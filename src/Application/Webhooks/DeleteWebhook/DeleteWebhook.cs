using FluentValidation;
using Mediator;
using Shop.Application.Errors;
using Shop.Application.Webhooks.Ports;

namespace Shop.Application.Webhooks.DeleteWebhook;

/// <summary>Ends a subscription: its deliveries, pending ones included, go with it.</summary>
public sealed record DeleteWebhookCommand(Guid WebhookId) : ICommand;

internal sealed class DeleteWebhookValidator : AbstractValidator<DeleteWebhookCommand>
{
    public DeleteWebhookValidator() => RuleFor(command => command.WebhookId).NotEmpty();
}

internal sealed class DeleteWebhookHandler : ICommandHandler<DeleteWebhookCommand>
{
    private readonly IWebhookRepository _webhooks;

    public DeleteWebhookHandler(IWebhookRepository webhooks) => _webhooks = webhooks;

    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken) =>
        await _webhooks.DeleteAsync(command.WebhookId, cancellationToken)
            ? Unit.Value
            : throw new NotFoundException("Webhook", command.WebhookId);
}
