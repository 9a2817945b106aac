"""OBS Studio over obs-websocket v5: the only package that imports obsws_python."""
