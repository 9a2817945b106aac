"""The on-air overlay: Qt-free model, theme and the renderer protocol its renderers implement."""
