"""The Qt desktop application. It calls the services of ``evaluator``; it never runs SQL."""
