"""Platform adapters: translate chat events into commands and replies into payloads."""
