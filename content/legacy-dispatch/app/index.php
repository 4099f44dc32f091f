<?php
// Front controller of the legacy dispatch API. Deprecated: see README.md.
require __DIR__ . '/../vendor/autoload.php';

$router = new \Dispatch\Router();
$router->post('/api/v1/bookings', [\Dispatch\BookingController::class, 'create']);
$router->get('/api/v1/bookings/{id}', [\Dispatch\BookingController::class, 'show']);
$router->dispatch($_SERVER['REQUEST_METHOD'], parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
