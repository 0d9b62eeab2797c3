using Mediator;

namespace Shop.Application.UnitTests.Common;

public sealed record PingCommand(string Text, int Number) : ICommand<string>;

public sealed record PlainSaveCommand(string Text) : ICommand<string>, Shop.Application.Behaviors.IRunsWithoutTransaction;

public sealed record PingQuery(string Text) : IQuery<string>;

public sealed record ReceiptCommand(string Text) : ICommand<Receipt>;

public sealed record Receipt(Guid Id, decimal Total, DateTime CreatedAt);
