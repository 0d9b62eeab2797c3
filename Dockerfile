# Build: the SDK image restores and publishes the WebApi.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Shop.sln ./
COPY src/ src/
RUN dotnet publish src/WebApi/WebApi.csproj -c Release -o /app --nologo

# Run: the ASP.NET runtime image, as its non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Shop.WebApi.dll"]
